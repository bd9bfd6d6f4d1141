package io.jkeepalived.config.lex;

import io.jkeepalived.config.SourcePos;

/**
 * Text of one logical line together with, for every character, the 1-based source column it came from
 * (text produced by a definition carries the column of the {@code $} that produced it).
 */
final class LineText {
    static final int DOUBLE_QUOTE = 1;
    static final int SINGLE_QUOTE = 2;
    static final int BACKSLASH = 4;
    static final int DOLLAR = 8;
    static final int BRACE = 16;
    /** Nothing known: any of the characters may be there. */
    static final int ANY = 31;

    final String text;
    /**
     * Which of {@code " ' \ $ { }} may occur in the text (a superset is always safe): lets the common plain line
     * skip the scans for quotes, definitions and braces.
     */
    final int flags;
    final Origin origin;
    /** Column of each character, or null when the column of character i is {@code base + i}. */
    private final int[] cols;
    private final int base;

    LineText(String text, Origin origin, int base) {
        this(text, origin, null, base);
    }

    LineText(String text, Origin origin, int[] cols, int base) {
        this(text, origin, cols, base, ANY);
    }

    LineText(String text, Origin origin, int[] cols, int base, int flags) {
        this.flags = flags;
        this.text = text;
        this.origin = origin;
        this.cols = cols;
        this.base = base;
    }

    boolean mayHave(int flag) {
        return (flags & flag) != 0;
    }

    int length() {
        return text.length();
    }

    char charAt(int i) {
        return text.charAt(i);
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    int col(int i) {
        if (cols == null) {
            return base + i;
        }
        if (i < cols.length) {
            return cols[i];
        }
        return cols.length == 0 ? base : cols[cols.length - 1] + 1;
    }

    SourcePos pos(int i) {
        return origin.at(col(i));
    }

    LineText sub(int from, int to) {
        if (from == 0 && to == text.length()) {
            return this;
        }
        String s = text.substring(from, to);
        if (cols == null) {
            return new LineText(s, origin, null, base + from, flags);
        }
        int[] c = new int[to - from];
        System.arraycopy(cols, from, c, 0, to - from);
        return new LineText(s, origin, c, col(from), flags);
    }

    LineText sub(int from) {
        return sub(from, text.length());
    }

    /** Copies the column of every character into {@code dest} starting at {@code at}. */
    void copyCols(int from, int to, int[] dest, int at) {
        if (cols == null) {
            for (int i = from; i < to; i++) {
                dest[at++] = base + i;
            }
        } else {
            System.arraycopy(cols, from, dest, at, to - from);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
