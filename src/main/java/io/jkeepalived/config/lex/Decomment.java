package io.jkeepalived.config.lex;

/**
 * keepalived's {@code decomment()}: strips leading and trailing blanks and a {@code #}/{@code !} comment that is
 * not inside double quotes (single quotes do not protect, as in keepalived), turns {@code \#} and {@code \!}
 * outside quotes into the plain character, and keeps a line-ending {@code \} (the continuation mark of
 * multi-line definitions) directly after the last word.
 */
final class Decomment {
    private Decomment() {
    }

    /**
     * The common case in one pass over a physical line {@code [start, end)} of the file text: returns the
     * decommented line with its character flags, or null when the general {@link #apply} is needed (a line-ending
     * backslash or an escaped comment character). {@code nulAt[0]} gets the index of a NUL in the line, or -1.
     */
    static LineText fast(String s, int start, int end, Origin origin, int[] nulAt) {
        int i = start;
        while (i < end && isBlank(s.charAt(i))) {
            i++;
        }
        int first = i;
        int flags = 0;
        boolean quote = false;
        int cut = end;
        nulAt[0] = -1;
        scan:
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c > '\\') {
                if (c == '{' || c == '}') {
                    flags |= LineText.BRACE;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    flags |= LineText.DOUBLE_QUOTE;
                    quote = !quote;
                }
                case '\'' -> flags |= LineText.SINGLE_QUOTE;
                case '$' -> flags |= LineText.DOLLAR;
                case '\\' -> {
                    if (i + 1 >= end) {
                        return null;
                    }
                    char d = s.charAt(i + 1);
                    if (!quote && (d == '#' || d == '!')) {
                        return null;
                    }
                    if (d == 0) {
                        nulAt[0] = i + 1;
                        return null;
                    }
                    flags |= LineText.BACKSLASH;
                    i++;
                }
                case '#', '!' -> {
                    if (!quote) {
                        if (s.charAt(end - 1) == '\\') {
                            return null; // a comment ending in '\': the general path keeps the mark
                        }
                        cut = i;
                        break scan;
                    }
                }
                case 0 -> {
                    nulAt[0] = i;
                    return null;
                }
                default -> {
                }
            }
        }
        if (cut < end) {
            int nul = s.indexOf(0, cut, end);
            if (nul >= 0) {
                nulAt[0] = nul;
                return null;
            }
        }
        while (cut > first && isBlank(s.charAt(cut - 1))) {
            cut--;
        }
        return new LineText(s.substring(first, cut), origin, null, first - start + 1, flags);
    }

    static LineText apply(LineText line) {
        String s = line.text;
        int n = s.length();
        int start = 0;
        while (start < n && isBlank(s.charAt(start))) {
            start++;
        }
        if (s.indexOf('#') < 0 && s.indexOf('!') < 0 && s.indexOf('"') < 0 && s.indexOf('\\') < 0) {
            // Most lines: nothing to strip but blanks (String.indexOf is fast even before our code is compiled).
            int end = n;
            while (end > start && isBlank(s.charAt(end - 1))) {
                end--;
            }
            return line.sub(start, end);
        }
        boolean quote = false;
        boolean cont = false;
        int end = n;
        LineBuilder unescaped = null; // only when a "\#" or "\!" has to lose its backslash
        int copiedTo = start;
        int i = start;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                quote = !quote;
                i++;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    end = i;
                    cont = true;
                    break;
                }
                char d = s.charAt(i + 1);
                if (!quote && (d == '#' || d == '!')) {
                    if (unescaped == null) {
                        unescaped = new LineBuilder(n);
                    }
                    unescaped.append(line, copiedTo, i);
                    copiedTo = i + 1;
                }
                i += 2;
            } else if (!quote && (c == '#' || c == '!')) {
                // keepalived looks for the continuation mark before it strips the comment: "# text \" leaves "\".
                end = i;
                cont = s.charAt(n - 1) == '\\';
                break;
            } else {
                i++;
            }
        }
        LineText out;
        if (unescaped == null) {
            out = line.sub(start, end);
        } else {
            unescaped.append(line, copiedTo, end);
            out = unescaped.build(line.origin);
        }
        int len = out.length();
        while (len > 0 && isBlank(out.charAt(len - 1))) {
            len--;
        }
        if (!cont) {
            return out.sub(0, len);
        }
        // Keep the continuation mark right after the text, where keepalived's multi-line definitions expect it.
        LineBuilder b = new LineBuilder(len + 1);
        b.append(out, 0, len);
        b.append('\\', line.col(n - 1));
        return b.build(line.origin);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
