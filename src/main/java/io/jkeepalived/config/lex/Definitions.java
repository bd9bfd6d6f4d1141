package io.jkeepalived.config.lex;

import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * keepalived's {@code $NAME=value} definitions and their expansion ({@code $NAME}, {@code ${NAME}},
 * {@code ${_RANDOM 1 9}}). Expansion is done as keepalived does it - the replacement text is scanned again
 * at once, so a value may use other definitions - but a definition that is reached again from inside its
 * own expansion is reported as a cycle instead of looping forever (keepalived 2.2.7 hangs on {@code $IF=${IF}}).
 */
final class Definitions {
    /** Longest line an expansion may produce; keepalived's own limit is 1023 characters. */
    static final int MAX_EXPANDED_LINE = 4 << 20;
    /** Expansions allowed on one line: guards against definitions that double in size at every level. */
    static final int MAX_EXPANSIONS_PER_LINE = 100_000;
    private static final int MAX_REFERENCE_LENGTH = 4096;

    enum Builtin { PWD, INSTANCE, RANDOM, ENV }

    static final class Def {
        final String name;
        String value = "";
        boolean multiline;
        Builtin builtin;
        int minParams;
        int maxParams;
        boolean numbersOnly;
        SourcePos definedAt = SourcePos.NONE;
        /** Set while this definition's replacement text is being scanned (cycle detection). */
        boolean active;

        Def(String name) {
            this.name = name;
        }
    }

    /** What the current expansion needs from its surroundings. */
    interface Context {
        String currentDir();

        String configId();

        RandomGenerator random();
    }

    /** Lines after the first of a multi-line definition, to be read next, all at one source column. */
    record Continuation(String rest, int col, Def def) {
    }

    /** Result of expanding one line. */
    record Expanded(LineText line, boolean changed, boolean failed, List<Continuation> continuations) {
    }

    private final Map<String, Def> defs = new HashMap<>();
    private final Findings findings;

    Definitions(Findings findings) {
        this.findings = findings;
        builtin("_PWD", Builtin.PWD, 0, 0, false);
        builtin("_INSTANCE", Builtin.INSTANCE, 0, 0, false);
        builtin("_RANDOM", Builtin.RANDOM, 0, 2, true);
        builtin("_ENV", Builtin.ENV, 1, 1, false);
        plain("_HASH", "#");
        plain("_BANG", "!");
    }

    private void builtin(String name, Builtin b, int min, int max, boolean numbersOnly) {
        Def d = new Def(name);
        d.builtin = b;
        d.minParams = min;
        d.maxParams = max;
        d.numbersOnly = numbersOnly;
        defs.put(name, d);
    }

    private void plain(String name, String value) {
        Def d = new Def(name);
        d.value = value;
        defs.put(name, d);
    }

    /** Defines or redefines NAME (a redefinition of a built-in replaces it, as in keepalived). */
    Def set(String name, String value, boolean multiline, SourcePos at) {
        Def d = defs.get(name);
        if (d == null) {
            d = new Def(name);
            defs.put(name, d);
        }
        d.value = value;
        d.multiline = multiline;
        d.builtin = null;
        d.minParams = 0;
        d.maxParams = 0;
        d.numbersOnly = false;
        d.definedAt = at;
        return d;
    }

    /**
     * keepalived's {@code check_definition}: a line {@code $NAME=value} (no blank before '='; the value may end
     * with {@code \} to continue on the next lines). Returns the definition, or null when the line is not one.
     */
    Def parseDefinition(LineText line) {
        String s = line.text;
        int n = s.length();
        if (n < 2 || s.charAt(0) != '$' || !(isAlpha(s.charAt(1)) || s.charAt(1) == '_')) {
            return null;
        }
        int p = 2;
        while (p < n && s.charAt(p) != '=') {
            if (!isAlnum(s.charAt(p)) && s.charAt(p) != '_') {
                return null;
            }
            p++;
        }
        if (p >= n) {
            return null;
        }
        String name = s.substring(1, p);
        p++;
        while (p < n && Decomment.isBlank(s.charAt(p))) {
            p++;
        }
        String value = s.substring(p);
        boolean multiline = false;
        if (!value.isEmpty() && value.charAt(value.length() - 1) == '\\') {
            int len = value.length() - 1;
            while (len > 0 && Decomment.isBlank(value.charAt(len - 1))) {
                len--;
            }
            // The first line ends where the '\' was; an empty first line adds nothing.
            value = len == 0 ? "" : value.substring(0, len) + "\n";
            multiline = true;
        }
        return set(name, value, multiline, line.pos(0));
    }

    /**
     * Replaces every definition used on the line, rescanning replacement text as keepalived does. Stops
     * after a replacement whose value starts with '~' (so a ~SEQ can be recognised), like keepalived.
     */
    Expanded expand(LineText line, Context ctx) {
        if (line.text.indexOf('$') < 0) {
            return new Expanded(line, false, false, List.of());
        }
        var scan = new Scan(line);
        try {
            return scan.run(ctx);
        } finally {
            scan.deactivateAll();
        }
    }

    /** One frame of text being scanned: the line itself (bottom) or a definition's replacement. */
    private static final class Frame {
        final CharSequence text;
        final LineText src; // only for the bottom frame
        final int end;
        final int col; // source column of replacement text
        final Def def;
        int pos;

        Frame(LineText src) {
            this.text = src.text;
            this.src = src;
            this.end = src.length();
            this.col = 0;
            this.def = null;
        }

        Frame(String text, int end, int col, Def def) {
            this.text = text;
            this.src = null;
            this.end = end;
            this.col = col;
            this.def = def;
        }
    }

    private final class Scan {
        private final LineText line;
        private final ArrayList<Frame> stack = new ArrayList<>();
        private final LineBuilder out;
        private final List<Continuation> continuations = new ArrayList<>();
        private int expansions;

        Scan(LineText line) {
            this.line = line;
            this.out = new LineBuilder(line.length() + 32);
            stack.add(new Frame(line));
        }

        void deactivateAll() {
            for (Frame f : stack) {
                if (f.def != null) {
                    f.def.active = false;
                }
            }
        }

        Expanded run(Context ctx) {
            boolean changed = false;
            while (true) {
                Frame top = stack.getLast();
                if (top.pos >= top.end) {
                    if (stack.size() == 1) {
                        break;
                    }
                    pop();
                    continue;
                }
                int dollar = indexOf(top.text, '$', top.pos, top.end);
                if (dollar != top.pos) {
                    int to = dollar < 0 ? top.end : dollar;
                    copy(top, to);
                    continue;
                }
                int useCol = top.src != null ? top.src.col(top.pos) : top.col;
                Reference ref = reference();
                if (ref == null) {
                    copy(top, top.pos + 1);
                    continue;
                }
                Def def = ref.def;
                if (def.active) {
                    reportCycle(def);
                    return new Expanded(line, false, true, List.of());
                }
                if (++expansions > MAX_EXPANSIONS_PER_LINE) {
                    findings.error(line.pos(0), "More than " + MAX_EXPANSIONS_PER_LINE
                            + " definition expansions on one line - line ignored");
                    return new Expanded(line, false, true, List.of());
                }
                consume(ref.length);
                String value = valueOf(def, ref.params, ctx);
                int firstEnd = value.length();
                if (def.multiline) {
                    int nl = value.indexOf('\n');
                    if (nl >= 0) {
                        firstEnd = nl;
                        continuations.add(new Continuation(value.substring(nl + 1), useCol, def));
                    }
                }
                changed = true;
                if (firstEnd > 0) {
                    Frame f = new Frame(value, firstEnd, useCol, def);
                    def.active = true;
                    stack.add(f);
                }
                if (out.length() + remaining() > MAX_EXPANDED_LINE) {
                    findings.error(line.pos(0), "Parameter substitution on line would exceed maximum line length ("
                            + MAX_EXPANDED_LINE + " characters) - line ignored");
                    return new Expanded(line, false, true, List.of());
                }
                if (firstNonBlank(value, firstEnd) == '~') {
                    // keepalived stops here so that a ~SEQ/~LST produced by a definition is seen as one.
                    for (int i = stack.size() - 1; i >= 0; i--) {
                        Frame f = stack.get(i);
                        copy(f, f.end);
                    }
                    break;
                }
            }
            return new Expanded(out.build(line.origin), changed, false, continuations);
        }

        private int remaining() {
            long r = 0;
            for (Frame f : stack) {
                r += f.end - f.pos;
            }
            return (int) Math.min(Integer.MAX_VALUE, r);
        }

        private void pop() {
            Frame f = stack.removeLast();
            if (f.def != null) {
                f.def.active = false;
            }
        }

        private void copy(Frame f, int to) {
            if (f.src != null) {
                out.append(f.src, f.pos, to);
            } else {
                out.append(f.text, f.pos, to, f.col);
            }
            f.pos = to;
        }

        /** Character k places after the current position of the top frame, across frames; -1 past the end. */
        private int peek(int k) {
            for (int i = stack.size() - 1; i >= 0; i--) {
                Frame f = stack.get(i);
                int avail = f.end - f.pos;
                if (k < avail) {
                    return f.text.charAt(f.pos + k);
                }
                k -= avail;
            }
            return -1;
        }

        /**
         * Steps over a reference of k characters. Frames it empties stay on the stack (and their definitions
         * active) until the replacement pushed next is done: the replacement sits inside their text.
         */
        private void consume(int k) {
            for (int i = stack.size() - 1; i >= 0 && k > 0; i--) {
                Frame f = stack.get(i);
                int take = Math.min(k, f.end - f.pos);
                f.pos += take;
                k -= take;
            }
        }

        private record Reference(Def def, int length, String params) {
        }

        /** keepalived's {@code find_definition} for a use at the current '$'. */
        private Reference reference() {
            int k = 1;
            boolean braces = peek(1) == '{';
            if (braces) {
                k = 2;
            }
            int c = peek(k);
            if (c < 0 || !(isAlpha((char) c) || c == '_')) {
                return null;
            }
            var name = new StringBuilder();
            while (c >= 0 && (isAlnum((char) c) || c == '_')) {
                if (name.length() > MAX_REFERENCE_LENGTH) {
                    return null;
                }
                name.append((char) c);
                c = peek(++k);
            }
            String params = null;
            int nParams = 0;
            boolean numbersOnly = true;
            int length;
            if (braces) {
                var p = new StringBuilder();
                int pending = 0; // blanks seen after the last parameter character
                boolean inParam = false;
                while (c == ' ' || c == '\t' || (c >= 0 && (isAlnum((char) c) || c == '_'))) {
                    if (p.length() > MAX_REFERENCE_LENGTH) {
                        return null;
                    }
                    if (c == ' ' || c == '\t') {
                        inParam = false;
                        if (!p.isEmpty()) {
                            pending++;
                        }
                    } else {
                        if (!p.isEmpty() && pending > 0) {
                            p.append(" ".repeat(pending));
                        }
                        pending = 0;
                        p.append((char) c);
                        if (!isDigit((char) c)) {
                            numbersOnly = false;
                        }
                        if (!inParam) {
                            inParam = true;
                            nParams++;
                        }
                    }
                    c = peek(++k);
                }
                if (!p.isEmpty() && pending > 0) {
                    return null; // keepalived: parameters must not end with a blank
                }
                if (c != '}') {
                    return null;
                }
                length = k + 1;
                params = p.isEmpty() ? null : p.toString();
            } else {
                if (c != ' ' && c != '\t' && c != ',' && c != ')' && c != -1) {
                    return null;
                }
                length = k;
            }
            Def def = defs.get(name.toString());
            if (def == null) {
                return null;
            }
            boolean atEnd = peek(length) == -1;
            if (def.multiline && !atEnd) {
                return null;
            }
            if (params != null) {
                if (def.maxParams == 0) {
                    return null;
                }
                if (def.numbersOnly && !numbersOnly) {
                    findings.error(line.pos(0), "Definition " + def.name + " requires numeric parameters only.");
                    return null;
                }
            }
            if ((params != null || def.minParams > 0) && (nParams > def.maxParams || nParams < def.minParams)) {
                findings.error(line.pos(0), "Definition " + def.name + " requires between " + def.minParams
                        + " and " + def.maxParams + " parameters, " + nParams + " specified.");
                return null;
            }
            return new Reference(def, length, params);
        }

        private void reportCycle(Def def) {
            var chain = new StringBuilder();
            boolean in = false;
            for (Frame f : stack) {
                if (f.def == def) {
                    in = true;
                }
                if (in) {
                    chain.append('$').append(f.def.name).append(" -> ");
                }
            }
            chain.append('$').append(def.name);
            String where = def.definedAt.known() ? " (defined at " + def.definedAt + ")" : "";
            findings.addWithHint(Severity.ERROR, line.pos(0),
                    "Definition $" + def.name + " refers to itself: " + chain + where + " - line ignored",
                    "a definition may not use itself, directly or through other definitions");
        }
    }

    private String valueOf(Def def, String params, Context ctx) {
        if (def.builtin == null) {
            return def.value;
        }
        return switch (def.builtin) {
            case PWD -> ctx.currentDir();
            case INSTANCE -> ctx.configId();
            case ENV -> {
                String v = System.getenv(params);
                yield v == null ? "" : v;
            }
            case RANDOM -> random(params, ctx.random());
        };
    }

    private String random(String params, RandomGenerator rnd) {
        long min = 0;
        long max = 32767;
        if (params != null) {
            int sp = params.indexOf(' ');
            min = parseUnsigned(sp < 0 ? params : params.substring(0, sp));
            if (sp >= 0) {
                max = parseUnsigned(params.substring(sp + 1).trim());
            }
        }
        if (min > max) {
            max = min;
        }
        return Long.toString(max == min ? min : rnd.nextLong(min, max == Long.MAX_VALUE ? max : max + 1));
    }

    private static long parseUnsigned(String digits) {
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (!isDigit(c)) {
                break;
            }
            if (v > (Long.MAX_VALUE - 9) / 10) {
                return Long.MAX_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        if (s instanceof String str) {
            int i = str.indexOf(c, from, to);
            return i;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static char firstNonBlank(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!Decomment.isBlank(c)) {
                return c;
            }
        }
        return 0;
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlnum(char c) {
        return isAlpha(c) || isDigit(c);
    }
}
