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
                end = i;
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
