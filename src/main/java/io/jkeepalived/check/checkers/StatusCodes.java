package io.jkeepalived.check.checkers;

import java.util.BitSet;
import java.util.Optional;

/**
 * The set of HTTP status codes (100-599) a url accepts; keepalived's default is 200-299.
 * Parsed from {@code status_code} arguments such as {@code 200}, {@code 200-299}, {@code 301 302}.
 */
public final class StatusCodes {
    public static final int MIN = 100;
    public static final int MAX = 599;
    private final BitSet codes;

    private StatusCodes(BitSet codes) {
        this.codes = codes;
    }

    public static StatusCodes defaults() {
        return range(200, 299);
    }

    public static StatusCodes range(int from, int to) {
        var bits = new BitSet();
        bits.set(from - MIN, to - MIN + 1);
        return new StatusCodes(bits);
    }

    /** Parses each argument ({@code N} or {@code N-M}); empty when one is not a code in 100-599. */
    public static Optional<StatusCodes> parse(Iterable<String> args) {
        var bits = new BitSet();
        for (String arg : args) {
            int dash = arg.indexOf('-', 1);
            try {
                int from = Integer.parseInt(dash < 0 ? arg : arg.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(arg.substring(dash + 1));
                if (from < MIN || to > MAX || from > to) {
                    return Optional.empty();
                }
                bits.set(from - MIN, to - MIN + 1);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return bits.isEmpty() ? Optional.empty() : Optional.of(new StatusCodes(bits));
    }

    public boolean accepts(int code) {
        return code >= MIN && code <= MAX && codes.get(code - MIN);
    }

    @Override
    public String toString() {
        var sb = new StringBuilder();
        codes.stream().forEach(i -> sb.append(sb.isEmpty() ? "" : " ").append(i + MIN));
        return sb.toString();
    }
}
