package io.jkeepalived.config.lex;

/**
 * keepalived's include check bits ({@code include_t}): which include problems are errors rather than notes.
 * {@code includer/m/w/b/a} add bits for one include; {@code include_check} and {@code -e} set them globally.
 */
final class IncludeCheck {
    static final int NONE = 0;
    /** Error if a match is a directory, not readable, not a regular non-executable file. */
    static final int READ = 0x01;
    /** Error if no file matches a name without wildcards. */
    static final int MATCH = 0x02;
    /** Error if no file matches even when wildcards are used. */
    static final int WILDCARD = 0x04;
    /** Every alternative of a {a,b} brace must match. */
    static final int BRACE = 0x08;
    static final int ALL = READ | MATCH | WILDCARD | BRACE;

    private IncludeCheck() {
    }

    /** The bits for "include" + variant letter ('\0' for plain include). */
    static int forVariant(char v) {
        return switch (v) {
            case 'r' -> READ;
            case 'm' -> READ | MATCH;
            case 'w' -> READ | MATCH | WILDCARD;
            case 'b' -> READ | BRACE;
            case 'a', 't' -> ALL;
            default -> NONE;
        };
    }
}
