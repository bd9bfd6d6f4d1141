package io.jkeepalived.check.checkers;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** regex_min_offset / regex_max_offset over a body that arrives in pieces. */
class RegexWindowTest {
    /** "0123456789ABCDEFGHIJ" ten times: "ABC" starts at 10, 30, ..., 190. */
    private static final byte[] BODY = "0123456789ABCDEFGHIJ".repeat(10).getBytes(StandardCharsets.US_ASCII);

    private static boolean matches(String regex, long min, long max, int piece) {
        var w = new RegexWindow(Pattern.compile(regex), min, max);
        for (int off = 0; off < BODY.length; off += piece) {
            w.feed(BODY, off, Math.min(piece, BODY.length - off));
        }
        return w.matched();
    }

    @Test
    void aMatchMustStartInsideTheWindowWhateverThePieces() {
        for (int piece : new int[] {1, 3, 7, 64, 200}) {
            assertTrue(matches("ABC", 0, -1, piece));
            assertTrue(matches("ABC", 10, -1, piece), "min on a match's first byte");
            assertTrue(matches("ABC", 11, -1, piece), "the next one, at 30");
            assertFalse(matches("ABC", 191, -1, piece), "none starts at 191 or later");
            assertTrue(matches("ABC", 0, 10, piece), "max on a match's first byte");
            assertFalse(matches("ABC", 0, 9, piece), "the first starts at 10");
            assertTrue(matches("ABC", 110, 110, piece), "min == max: exactly there");
            assertFalse(matches("ABC", 111, 129, piece), "between two matches");
            assertTrue(matches("ABCDEFGHIJ0123", 0, 10, piece), "a match may end past max");
        }
    }

    @Test
    void lookbehindSeesBeforeMinAndCaretDoesNotMatchAtMin() {
        // PCRE2's start offset, which keepalived uses for min: the bytes before it are context, not subject
        assertTrue(matches("(?<=9)ABC", 10, -1, 200));
        assertFalse(matches("^ABC", 10, -1, 200));
        assertTrue(matches("^0123", 0, -1, 200));
    }

    @Test
    void isDecidedOnceNoPositionUpToMaxIsLeft() {
        byte[] big = new byte[3 * RegexWindow.OVERLAP];
        java.util.Arrays.fill(big, (byte) 'x');
        var w = new RegexWindow(Pattern.compile("needle"), 0, 100);
        w.feed(big, 0, RegexWindow.OVERLAP);
        assertFalse(w.decided(), "offset 100 is still in the kept tail");
        w.feed(big, 0, RegexWindow.OVERLAP);
        assertTrue(w.decided(), "the tail now starts past 100: no later byte can start a match there");
        assertFalse(w.matched());
        var unbounded = new RegexWindow(Pattern.compile("needle"), 0, -1);
        unbounded.feed(big, 0, big.length);
        assertFalse(unbounded.decided(), "without max, a needle may still come");
    }

    @Test
    void aMatchFoundPastMaxDoesNotHideOneThatNeedsMoreBytes() {
        // "AB+C" can start at 10 but only completes in the second piece; "ABBC" at 40 is past max
        byte[] body = ("0123456789ABB" + "x".repeat(27) + "ABBC" + "BC").getBytes(StandardCharsets.US_ASCII);
        var w = new RegexWindow(Pattern.compile("AB+C"), 0, 20);
        w.feed(body, 0, 12);
        w.feed(body, 12, body.length - 12);
        assertFalse(w.matched(), "the only complete match starts at 40");
        body = ("0123456789ABB" + "BBC").getBytes(StandardCharsets.US_ASCII);
        w = new RegexWindow(Pattern.compile("AB+C"), 0, 20);
        w.feed(body, 0, 12);
        assertFalse(w.matched());
        w.feed(body, 12, body.length - 12);
        assertTrue(w.matched(), "the match at 10 completed across the two pieces");
    }

    @Test
    void aRegexThatRunsOutOfStackIsNoMatchNotACrash() throws InterruptedException {
        // (a|b)* recurses once per character in java.util.regex: 12 KB of "ab" (what one read and the kept tail
        // hold) overflows a 256 KB stack
        byte[] body = "ab".repeat(6144).getBytes(StandardCharsets.US_ASCII);
        var w = new RegexWindow(Pattern.compile("(a|b)*c"), 0, -1);
        var t = new Thread(null, () -> w.feed(body, 0, body.length), "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertFalse(w.matched());
        assertTrue(w.stackExhausted());
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RegexWindow(Pattern.compile("a"), 5, 4));
        assertEquals(0, new RegexWindow(Pattern.compile("a"), 0, 0).matched() ? 1 : 0);
    }
}
