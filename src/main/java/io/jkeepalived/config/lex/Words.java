package io.jkeepalived.config.lex;

import io.jkeepalived.config.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a logical line into words the way keepalived's {@code alloc_strvec_quoted_escaped} does: words are
 * separated by unquoted white space; {@code "} and {@code '} quote (the quotes are removed, so
 * {@code abcd" efg h "x} is one word); backslash escapes {@code \a \b \E \f \n \r \t \v \nnn \xXX \cC} and
 * {@code \C} work inside and outside quotes. A lone {@code '} with no partner is taken literally (keepalived's
 * plain word splitter does not treat {@code '} as a quote, so {@code O'Brien} is a valid value).
 */
final class Words {
    private Words() {
    }

    static List<Token> split(LineText line, Findings findings) {
        String s = line.text;
        int n = s.length();
        List<Token> out = new ArrayList<>(8);
        if (!line.mayHave(LineText.DOUBLE_QUOTE | LineText.SINGLE_QUOTE | LineText.BACKSLASH)) {
            return plain(line, out);
        }
        int lastSingle = s.lastIndexOf('\'');
        StringBuilder sb = null;
        int i = 0;
        while (true) {
            while (i < n && isWhite(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            // Fast path: a plain word with no quotes or escapes.
            int j = i;
            char c = 0;
            while (j < n && !isWhite(c = s.charAt(j)) && c != '"' && c != '\'' && c != '\\') {
                j++;
            }
            if (j >= n || isWhite(c)) {
                out.add(new Token(s.substring(i, j), line.pos(i)));
                i = j;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.setLength(0);
            sb.append(s, i, j);
            i = j;
            char quote = 0;
            int quoteAt = -1;
            while (i < n) {
                c = s.charAt(i);
                if (quote == 0 && isWhite(c)) {
                    break;
                }
                if (c == '\\') {
                    i = escape(s, i + 1, sb);
                    continue;
                }
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        sb.append(c);
                    }
                    i++;
                    continue;
                }
                if (c == '"' || (c == '\'' && i != lastSingle)) {
                    quote = c;
                    quoteAt = i;
                } else {
                    sb.append(c);
                }
                i++;
            }
            if (quote != 0) {
                findings.error(line.pos(quoteAt), "Unmatched quote: '" + s + "'");
            }
            out.add(new Token(sb.toString(), line.pos(start)));
        }
        return out;
    }

    /** A line without quotes or backslashes: words are just the runs between white space. */
    private static List<Token> plain(LineText line, List<Token> out) {
        String s = line.text;
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isWhite(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int j = i + 1;
            while (j < n && !isWhite(s.charAt(j))) {
                j++;
            }
            out.add(new Token(s.substring(i, j), line.pos(i)));
            i = j;
        }
        return out;
    }

    /** Decodes the escape whose letter is at {@code i}; returns the index after it. */
    private static int escape(String s, int i, StringBuilder sb) {
        int n = s.length();
        if (i >= n) {
            sb.append('\\');
            return i;
        }
        char c = s.charAt(i);
        if (c == 'x' && i + 1 < n && hex(s.charAt(i + 1)) >= 0) {
            int v = 0;
            int k = i + 1;
            for (int d = 0; d < 2 && k < n && hex(s.charAt(k)) >= 0; d++, k++) {
                v = v * 16 + hex(s.charAt(k));
            }
            sb.append((char) v);
            return k;
        }
        if (c == 'c' && i + 1 < n) {
            sb.append((char) (s.charAt(i + 1) & 0x1f));
            return i + 2;
        }
        if (c >= '0' && c <= '7') {
            int v = 0;
            int k = i;
            for (int d = 0; d < 3 && k < n && s.charAt(k) >= '0' && s.charAt(k) <= '7'; d++, k++) {
                v = v * 8 + (s.charAt(k) - '0');
            }
            sb.append((char) (v & 0xff));
            return k;
        }
        sb.append(switch (c) {
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'E' -> '\u001b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            default -> c;
        });
        return i + 1;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
