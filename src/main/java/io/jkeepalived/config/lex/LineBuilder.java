package io.jkeepalived.config.lex;

import java.util.Arrays;

/** Builds a {@link LineText} character by character, keeping each character's source column. */
final class LineBuilder {
    private final StringBuilder text;
    private int[] cols;

    LineBuilder(int capacity) {
        text = new StringBuilder(capacity);
        cols = new int[Math.max(16, capacity)];
    }

    int length() {
        return text.length();
    }

    char charAt(int i) {
        return text.charAt(i);
    }

    void append(char c, int col) {
        ensure(text.length() + 1);
        cols[text.length()] = col;
        text.append(c);
    }

    void append(LineText src, int from, int to) {
        ensure(text.length() + to - from);
        src.copyCols(from, to, cols, text.length());
        text.append(src.text, from, to);
    }

    /** Appends text that all comes from one source column (a definition's value at its point of use). */
    void append(CharSequence s, int from, int to, int col) {
        ensure(text.length() + to - from);
        Arrays.fill(cols, text.length(), text.length() + to - from, col);
        text.append(s, from, to);
    }

    void setLength(int len) {
        text.setLength(len);
    }

    LineText build(Origin origin) {
        return new LineText(text.toString(), origin, Arrays.copyOf(cols, text.length()), 1);
    }

    private void ensure(int n) {
        if (n > cols.length) {
            cols = Arrays.copyOf(cols, Math.max(n, cols.length * 2));
        }
    }
}
