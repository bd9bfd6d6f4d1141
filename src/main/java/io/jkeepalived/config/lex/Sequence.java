package io.jkeepalived.config.lex;

import io.jkeepalived.config.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code ~SEQ(var, start, step, end)}, {@code ~SEQx(...)} or {@code ~LST(var, v1, v2...)} /
 * {@code ~LST({a,b},{1,2},...)}: the rest of its line is read once per value, with the variables defined.
 * A ~SEQ/~LST whose rest of line starts with another one nests (cartesian product), as in keepalived.
 */
final class Sequence {
    private final LineText text;
    // ~SEQ
    private final String var;
    private long next;
    private final long step;
    private final long last;
    private final boolean hex;
    // ~LST
    private final List<String> names;
    private final List<List<String>> valueSets;
    private int nextSet;

    private Sequence(LineText text, String var, long start, long step, long last, boolean hex) {
        this.text = text;
        this.var = var;
        this.next = start;
        this.step = step;
        this.last = last;
        this.hex = hex;
        this.names = null;
        this.valueSets = null;
    }

    private Sequence(LineText text, List<String> names, List<List<String>> valueSets) {
        this.text = text;
        this.var = null;
        this.step = 0;
        this.last = 0;
        this.hex = false;
        this.names = names;
        this.valueSets = valueSets;
    }

    /** Sets this round's variables and returns the text to read; {@link #done()} tells whether it was the last. */
    LineText nextRound(Definitions defs) {
        if (names == null) {
            defs.set(var, hex ? Long.toHexString(next) : Long.toString(next), false, text.pos(0));
            long n = next + step;
            boolean overflow = ((next ^ n) & (step ^ n)) < 0;
            next = n;
            if (overflow) {
                next = step > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
                finished = true;
            }
        } else {
            List<String> values = valueSets.get(nextSet++);
            for (int i = 0; i < names.size(); i++) {
                defs.set(names.get(i), values.get(i), false, text.pos(0));
            }
        }
        return text;
    }

    private boolean finished;
    /** Where the ~SEQ/~LST is. */
    SourcePos at = SourcePos.NONE;
    /** The multi-line definitions the ~SEQ line came from (recursion through them is refused). */
    List<Definitions.Def> chain = List.of();

    boolean done() {
        if (names != null) {
            return nextSet >= valueSets.size();
        }
        return finished || (step > 0 && next > last) || (step < 0 && next < last);
    }

    /** Number of rounds still to come (for the expansion budget). */
    long roundsLeft() {
        if (names != null) {
            return valueSets.size() - nextSet;
        }
        if (done()) {
            return 0;
        }
        try {
            return Math.addExact(Math.subtractExact(last, next) / step, 1);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Parse failure, with keepalived's message (already formatted with the line text). */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * keepalived's {@code add_seq}. The numbers may use definitions, which are expanded first by
     * {@code expandParams}. Returns null when the line is not a well-formed ~SEQ at all.
     */
    static Sequence parseSeq(LineText line, java.util.function.UnaryOperator<String> expandParams) throws Invalid {
        String s = line.text;
        int n = s.length();
        int p = 4;
        boolean hex = false;
        if (p < n && s.charAt(p) == 'x') {
            p++;
            hex = true;
        }
        p = skipBlanks(s, p);
        if (p >= n || s.charAt(p) != '(') {
            throw new Invalid("Invalid ~SEQ specification '" + s + "'");
        }
        p = skipBlanks(s, p + 1);
        int varStart = p;
        while (p < n && " \t,)".indexOf(s.charAt(p)) < 0) {
            p++;
        }
        int varEnd = p;
        p = skipBlanks(s, p);
        if (p >= n || s.charAt(p) == ')' || varEnd == varStart || s.charAt(varStart) == '{') {
            throw new Invalid("Invalid ~SEQ definition '" + s + "'");
        }
        p = skipBlanks(s, p + 1);
        int close = s.indexOf(')', p);
        if (close < 0) {
            throw new Invalid("~SEQ missing terminating ')' '" + s + "'");
        }
        if (close + 1 - p + 1 > 64) {
            throw new Invalid("~SEQ parameter strings too long '" + s + "'");
        }
        String numbers = expandParams.apply(s.substring(p, close + 1));
        if (numbers == null) {
            throw new Invalid("~SEQ parameter is multiline definition '" + s + "'");
        }
        long start;
        long step;
        long end;
        var num = new NumberScanner(numbers);
        long one = num.strtol();
        if (num.atCloseParen()) {
            end = one;
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else {
            if (!num.comma()) {
                throw new Invalid("Invalid ~SEQ definition '" + s + "'");
            }
            long two = num.strtol();
            if (num.atCloseParen()) {
                start = one;
                end = two;
                step = start <= end ? 1 : -1;
            } else {
                if (!num.comma()) {
                    throw new Invalid("Invalid ~SEQ definition '" + s + "'");
                }
                long three = num.strtol();
                if (!num.atCloseParen()) {
                    throw new Invalid("Invalid ~SEQ definition '" + s + "'");
                }
                start = one;
                step = two;
                end = three;
                if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                    throw new Invalid("Invalid ~SEQ values '" + s + "'");
                }
            }
        }
        if (hex && (start < 0 || end < 0)) {
            throw new Invalid("~SEQx is only valid for positive numbers '" + s + "'");
        }
        int rest = skipBlanks(s, close + 1);
        return new Sequence(line.sub(rest), s.substring(varStart, varEnd), start, step, end, hex);
    }

    /** keepalived's {@code add_lst}. */
    static Sequence parseLst(LineText line) throws Invalid {
        String s = line.text;
        Invalid bad = new Invalid("Invalid ~LST specification '" + s + "'");
        int n = s.length();
        int p = skipBlanks(s, 4);
        if (p >= n || s.charAt(p) != '(') {
            throw bad;
        }
        p = skipBlanks(s, p + 1);
        char endChar = ',';
        if (p < n && s.charAt(p) == '{') {
            endChar = '}';
            p = skipBlanks(s, p + 1);
        }
        List<String> names = new ArrayList<>();
        while (true) {
            int start = p;
            while (p < n && " \t,}".indexOf(s.charAt(p)) < 0) {
                p++;
            }
            names.add(s.substring(start, p));
            p = skipBlanks(s, p);
            if (p < n && s.charAt(p) == endChar) {
                break;
            }
            if (p >= n || s.charAt(p) != ',') {
                throw bad;
            }
            p = skipBlanks(s, p + 1);
        }
        if (s.charAt(p) == '}') {
            p = skipBlanks(s, p + 1);
        }
        if (p >= n || s.charAt(p) != ',') {
            throw bad;
        }
        p = skipBlanks(s, p + 1);
        List<List<String>> sets = new ArrayList<>();
        while (true) {
            endChar = ',';
            if (p < n && s.charAt(p) == '{') {
                endChar = '}';
                p = skipBlanks(s, p + 1);
            }
            List<String> values = new ArrayList<>();
            while (true) {
                int start = p;
                while (p < n && " \t,})".indexOf(s.charAt(p)) < 0) {
                    p++;
                }
                values.add(s.substring(start, p));
                p = skipBlanks(s, p);
                if (p < n && (s.charAt(p) == endChar || (s.charAt(p) == ')' && endChar == ','))) {
                    break;
                }
                if (p >= n || s.charAt(p) != ',') {
                    throw bad;
                }
                p = skipBlanks(s, p + 1);
                if (values.size() > names.size() - 1) {
                    throw new Invalid("~LST specification has too many values '" + s + "'");
                }
            }
            while (values.size() < names.size()) {
                values.add("");
            }
            sets.add(List.copyOf(values));
            if (s.charAt(p) == '}' && endChar == '}') {
                p = skipBlanks(s, p + 1);
            }
            if (p < n && s.charAt(p) == ')') {
                break;
            }
            if (p >= n || s.charAt(p) != ',') {
                throw bad;
            }
            p = skipBlanks(s, p + 1);
        }
        int rest = skipBlanks(s, p + 1);
        return new Sequence(line.sub(Math.min(rest, n)), List.copyOf(names), List.copyOf(sets));
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && Decomment.isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /** C's strtol(p, &p, 0) over the parameter text of a ~SEQ, plus the separators keepalived expects. */
    private static final class NumberScanner {
        private final String s;
        private int p;

        NumberScanner(String s) {
            this.s = s;
        }

        long strtol() {
            int i = p;
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            boolean neg = false;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                neg = s.charAt(i) == '-';
                i++;
            }
            int base = 10;
            if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                base = 16;
                i += 2;
            } else if (i < s.length() && s.charAt(i) == '0') {
                base = 8;
            }
            int digitsStart = i;
            long v = 0;
            boolean overflow = false;
            while (i < s.length()) {
                int d = Character.digit(s.charAt(i), base);
                if (d < 0 || s.charAt(i) > 'z') {
                    break;
                }
                if (v > (Long.MAX_VALUE - d) / base) {
                    overflow = true;
                } else {
                    v = v * base + d;
                }
                i++;
            }
            if (i == digitsStart) {
                return 0; // no number: strtol leaves the pointer where it was
            }
            p = i;
            if (overflow) {
                return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return neg ? -v : v;
        }

        boolean atCloseParen() {
            skip();
            return p < s.length() && s.charAt(p) == ')';
        }

        boolean comma() {
            skip();
            if (p < s.length() && s.charAt(p) == ',') {
                p++;
                return true;
            }
            return false;
        }

        private void skip() {
            while (p < s.length() && Decomment.isBlank(s.charAt(p))) {
                p++;
            }
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
        }
    }
}
