package io.jkeepalived.check.checkers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A url's regex over a body that streams in, never kept whole: each piece is matched with the last
 * {@link #OVERLAP} bytes before it, so a match may span reads. With keepalived's {@code regex_min_offset} /
 * {@code regex_max_offset} a match counts only when it starts at or after min and at or before max (body
 * offsets; it may end past max). As with PCRE2's start offset, bytes before min are still seen by
 * lookbehinds, and {@code ^} does not match at min. Once no position up to max is left in the window the
 * outcome is decided and the rest of the body need not be read.
 */
final class RegexWindow {
    /** Bytes of earlier body kept so a regex can match across reads. */
    static final int OVERLAP = 4096;

    private final Pattern pattern;
    private final long minOffset;
    private final long maxOffset;
    private byte[] tail = new byte[0];
    /** Body offset of tail[0]. */
    private long tailStart;
    private boolean matched;
    private boolean decided;
    private boolean stackExhausted;

    /** @param maxOffset the last body offset a match may start at; negative: no limit */
    RegexWindow(Pattern pattern, long minOffset, long maxOffset) {
        if (minOffset < 0 || (maxOffset >= 0 && minOffset > maxOffset)) {
            throw new IllegalArgumentException("regex offsets min " + minOffset + " max " + maxOffset);
        }
        this.pattern = pattern;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
    }

    /** Takes the next {@code len} body bytes. */
    void feed(byte[] buf, int off, int len) {
        if (decided || len <= 0) {
            return;
        }
        byte[] window = Arrays.copyOf(tail, tail.length + len);
        System.arraycopy(buf, off, window, tail.length, len);
        long windowStart = tailStart;
        long windowEnd = windowStart + window.length;
        if (windowEnd > minOffset) {
            // ISO-8859-1 maps each byte to one char, so a binary body cannot break decoding.
            Matcher m = pattern.matcher(new String(window, StandardCharsets.ISO_8859_1));
            m.useTransparentBounds(true).useAnchoringBounds(false);
            m.region((int) Math.max(0, minOffset - windowStart), window.length);
            try {
                // find() gives the leftmost match from min: if that starts past max, none starts before it
                matched = m.find() && (maxOffset < 0 || windowStart + m.start() <= maxOffset);
            } catch (StackOverflowError e) {
                // java.util.regex backtracks on the thread's stack (a loop thread's, for plain HTTP): a body can
                // exhaust it. keepalived's PCRE2 hits its JIT stack limit the same way and counts no match.
                stackExhausted = true;
            }
        }
        int keep = Math.min(OVERLAP, window.length);
        tail = Arrays.copyOfRange(window, window.length - keep, window.length);
        tailStart = windowEnd - keep;
        decided = matched || (maxOffset >= 0 && tailStart > maxOffset);
    }

    boolean matched() {
        return matched;
    }

    /** A piece was not matched: the regex ran out of stack on it. */
    boolean stackExhausted() {
        return stackExhausted;
    }

    /** Nothing more can change {@link #matched}. */
    boolean decided() {
        return decided;
    }
}
