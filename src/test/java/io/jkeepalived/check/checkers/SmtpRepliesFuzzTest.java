package io.jkeepalived.check.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Fuzzes SMTP_CHECK's reading of a server's replies: any byte stream gives bounded lines without a newline
 * in them, and a status code exactly when keepalived's smtp_get_status would (3 ASCII digits, then a space or
 * the end of the line).
 */
class SmtpRepliesFuzzTest {
    private static final Pattern STATUS = Pattern.compile("[0-9]{3}( .*)?", Pattern.DOTALL);

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"220 ", "250 ", "220-", "\\x0d\\x0a", "\\x0a", "221 bye"})
    void anyRepliesGiveBoundedLinesAndKeepalivedsCodes(byte[] input) throws IOException {
        var in = new ByteArrayInputStream(input);
        String line;
        int lines = 0;
        while ((line = SmtpReplies.readLine(in)) != null) {
            lines++;
            assertTrue(line.length() <= SmtpReplies.MAX_LINE, "line of " + line.length());
            assertTrue(line.indexOf('\n') < 0);
            int status = SmtpReplies.status(line);
            if (STATUS.matcher(line).matches()) {
                assertEquals(Integer.parseInt(line.substring(0, 3)), status, line);
            } else {
                assertEquals(-1, status, line);
            }
        }
        assertTrue(lines <= input.length);
    }
}
