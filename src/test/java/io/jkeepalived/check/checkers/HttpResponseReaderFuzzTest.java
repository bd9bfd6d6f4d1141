package io.jkeepalived.check.checkers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.regex.Pattern;

/**
 * Fuzzes the HTTP response reader with what a hostile real server could send: whatever the bytes and however
 * they are split into reads, nothing is thrown, the status is 0 or three digits, and the outcome (status,
 * Content-Length, body length, digest, regex) is the same as when the response arrives in one read.
 */
class HttpResponseReaderFuzzTest {
    private static final Pattern REGEX = Pattern.compile("ok");

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"HTTP/1.0 200 OK\\x0d\\x0a", "HTTP/1.1 ", "\\x0d\\x0a\\x0d\\x0a", "\\x0d\\x0a", "Content-Length:",
        "Content-Length: 0", "Content-Length: 99999999999999999999", " ok "})
    void anyResponseAnySplitReadsTheSame(FuzzedDataProvider data) {
        int[] splits = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = data.consumeInt(1, 5000);
        }
        byte[] response = data.consumeRemainingAsBytes();

        var whole = new HttpResponseReader(true, new RegexWindow(REGEX, 0, -1), null);
        whole.feed(response, 0, response.length);
        var pieces = new HttpResponseReader(true, new RegexWindow(REGEX, 0, -1), null);
        int at = 0;
        for (int i = 0; at < response.length; i++) {
            int n = Math.min(response.length - at, i < splits.length ? splits[i] : response.length);
            boolean more = pieces.feed(response, at, n);
            at += n;
            if (!more) {
                break;
            }
        }
        assertTrue(whole.statusCode() == 0 || (whole.statusCode() >= 100 && whole.statusCode() <= 999)
                || whole.statusCode() < 100, "status " + whole.statusCode());
        assertTrue(whole.statusCode() >= 0 && whole.statusCode() <= 999, "status " + whole.statusCode());
        assertEquals(whole.headerComplete(), pieces.headerComplete());
        assertEquals(whole.headerOverflow(), pieces.headerOverflow());
        assertEquals(whole.statusCode(), pieces.statusCode());
        assertEquals(whole.contentLength(), pieces.contentLength());
        if (whole.headerComplete()) {
            assertTrue(whole.contentLength() >= -1);
            assertArrayEquals(whole.digest(), pieces.digest());
            assertEquals(whole.regexMatched(), pieces.regexMatched());
        }
    }
}
