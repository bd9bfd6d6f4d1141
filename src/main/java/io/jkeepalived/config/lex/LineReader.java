package io.jkeepalived.config.lex;

import io.jkeepalived.config.Severity;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * keepalived's {@code read_line()}: hands out logical lines, one at a time, after comments, includes,
 * {@code @id} conditions, {@code $NAME=} definitions and their use, {@code ~SEQ}/{@code ~LST} repetition, and
 * splitting at the first unquoted brace ({@code a { b } c} gives {@code a}, <code>{</code>, {@code b},
 * <code>}</code>, {@code c}). Every limit it enforces ends in a diagnostic, never in a hang.
 */
final class LineReader implements Definitions.Context {
    /** Logical lines one configuration may expand to (keepalived's own example makes 1 million). */
    static final long MAX_LINES = 2_000_000;
    static final long MAX_CHARS = 64L << 20;
    /**
     * Text re-read after brace splits of one physical line: keepalived re-reads the rest of a line after each
     * brace, which is quadratic on a huge line full of braces (keepalived itself stops at 1023 characters).
     */
    static final long MAX_RESIDUE_CHARS_PER_LINE = 64L << 20;
    /** keepalived's own example nests three ~SEQs. */
    static final int MAX_SEQ_NESTING = 16;
    /** Rounds of re-reading a line after expansion ('@' or '~' produced by a definition): a handful is plenty. */
    private static final int MAX_RECHECKS = 20;

    /** Lines still to come from a multi-line definition. */
    private static final class Cursor {
        final String text;
        final Origin origin;
        final int col;
        final int restoreSeqDepth;
        final List<Definitions.Def> chain;
        int pos;

        Cursor(String text, Origin origin, int col, int restoreSeqDepth, List<Definitions.Def> chain) {
            this.chain = chain;
            this.text = text;
            this.origin = origin;
            this.col = col;
            this.restoreSeqDepth = restoreSeqDepth;
        }
    }

    private final Findings findings;
    private final Definitions defs;
    private final String configId;
    private final ConfigFiles files;
    private RandomGenerator random;
    private final ArrayList<Sequence> seqs = new ArrayList<>();
    private final ArrayDeque<Cursor> cursors = new ArrayDeque<>();
    private int multilineSeqDepth;
    private LineText residue;
    private Definitions.Def collecting; // a multi-line definition still being read
    private long linesOut;
    private long charsOut;
    private boolean stopped;
    private long residueChars;
    private final int[] nulAt = new int[1];
    private long maxLines = MAX_LINES;
    private long maxChars = MAX_CHARS;
    private long seqRounds;
    private long expandedChars;
    /** Multi-line definitions the current line came from, to refuse recursion through them. */
    private List<Definitions.Def> chain = List.of();
    private List<Definitions.Def> residueChain = List.of();

    LineReader(Findings findings, String configId, boolean strictIncludes, Path cwd, RandomGenerator random) {
        this.findings = findings;
        this.defs = new Definitions(findings);
        this.configId = configId;
        this.files = new ConfigFiles(findings, strictIncludes, cwd);
        this.random = random;
    }

    List<Path> filesRead() {
        return files.filesRead();
    }

    /** Starts with text handed in directly. */
    void startText(String text, String display) {
        files.startText(text, display);
    }

    /** Starts with the main configuration file; false (with a diagnostic) when it cannot be read. */
    boolean startFile(Path file) {
        return files.startFile(file);
    }

    /** {@code include_check} in global_defs. */
    void includeCheck(List<io.jkeepalived.config.Token> words) {
        files.includeCheck(words);
    }

    // ---- Definitions.Context

    @Override
    public String currentDir() {
        return files.currentDir().toString();
    }

    @Override
    public String configId() {
        return configId;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /** {@code random_seed N} in global_defs makes later {@code ${_RANDOM}} values repeatable. */
    void seed(long seed) {
        random = new java.util.Random(seed);
    }

    // ---- starting

    /** For fuzzing: include lines are reported and skipped instead of read, and expansion stops earlier. */
    void restrictForFuzzing() {
        files.disableIncludes();
        maxLines = 2_000;
        maxChars = 1 << 20;
    }

    // ---- reading

    /** The next logical line, or null at the end of the configuration. */
    LineText next() {
        while (!stopped) {
            LineText buf;
            boolean fromResidue = residue != null;
            if (fromResidue) {
                buf = residue;
                residue = null;
                chain = residueChain;
                if ((residueChars += buf.length()) > MAX_RESIDUE_CHARS_PER_LINE) {
                    findings.error(buf.pos(0), "Too many '{' and '}' on one long line - rest of line ignored");
                    continue;
                }
            } else if (!seqs.isEmpty() && seqs.size() > multilineSeqDepth) {
                Sequence seq = seqs.getLast();
                if (++seqRounds > maxLines) {
                    findings.addAlways(Severity.CANNOT_RUN, seq.at, "~SEQ/~LST repeat more than "
                            + maxLines + " times - stopping here");
                    stopped = true;
                    return null;
                }
                chain = seq.chain;
                buf = seq.nextRound(defs);
                if (seq.done()) {
                    seqs.removeLast();
                }
            } else if (!cursors.isEmpty()) {
                chain = cursors.peek().chain;
                buf = fromCursor();
            } else {
                chain = List.of();
                buf = physical();
                if (buf == null) {
                    return null;
                }
            }
            if (!fromResidue) {
                residueChars = 0;
            }
            if (collecting != null) {
                continueDefinition(buf);
                continue;
            }
            if (buf.isEmpty()) {
                continue;
            }
            buf = process(buf);
            if (buf == null || buf.isEmpty()) {
                continue;
            }
            if (files.include(buf)) {
                continue;
            }
            LineText line = splitAtBrace(buf);
            if (++linesOut > maxLines || (charsOut += line.length()) > maxChars) {
                findings.addAlways(Severity.CANNOT_RUN, line.pos(0), "The configuration expands to more than "
                        + maxLines + " lines or " + (maxChars >> 20) + " MiB - stopping here");
                stopped = true;
                return null;
            }
            return line;
        }
        return null;
    }

    /** The next non-empty line of the current file (decommented), moving to the next file at end of file. */
    private LineText physical() {
        while (true) {
            ConfigFiles.FileFrame f = files.current();
            if (f == null) {
                return null;
            }
            SourceText src = f.src;
            if (!src.advance()) {
                files.endFile();
                continue;
            }
            int start = src.start();
            int end = src.end();
            if (start == end) {
                if (collecting != null) {
                    endDefinition();
                }
                continue;
            }
            Origin origin = new Origin(f.display, src.lineNo(), f.chain);
            LineText line = Decomment.fast(src.text(), start, end, origin, nulAt);
            if (nulAt[0] >= 0) {
                findings.error(origin.at(nulAt[0] - start + 1),
                        "configuration appears to have embedded NULs - ignoring line");
                continue;
            }
            if (line == null) {
                line = Decomment.apply(new LineText(src.text().substring(start, end), origin, 1));
            }
            if (!line.isEmpty()) {
                return line;
            }
        }
    }

    private LineText fromCursor() {
        Cursor c = cursors.peek();
        int nl = c.text.indexOf('\n', c.pos);
        int end = nl < 0 ? c.text.length() : nl;
        var b = new LineBuilder(end - c.pos);
        b.append(c.text, c.pos, end, c.col);
        if (nl < 0) {
            cursors.pop();
            multilineSeqDepth = c.restoreSeqDepth;
        } else {
            c.pos = nl + 1;
        }
        return b.build(c.origin);
    }

    // ---- multi-line definitions

    private void continueDefinition(LineText buf) {
        String s = buf.text;
        int len = s.length();
        boolean more = len > 0 && s.charAt(len - 1) == '\\';
        String add;
        if (more) {
            len--;
            while (len > 0 && Decomment.isBlank(s.charAt(len - 1))) {
                len--;
            }
            add = s.substring(0, len) + "\n";
        } else {
            add = s;
        }
        // keepalived does not add lines that are only a '\'.
        if (add.length() >= 2 || (!add.isEmpty() && !more)) {
            if ((long) collecting.value.length() + add.length() > Definitions.MAX_EXPANDED_LINE) {
                findings.error(buf.pos(0), "Definition $" + collecting.name + " is longer than "
                        + Definitions.MAX_EXPANDED_LINE + " characters - truncated");
                more = false;
            } else {
                collecting.value = collecting.value + add;
            }
        }
        if (!more) {
            endDefinition();
        }
    }

    private void endDefinition() {
        if (collecting.value.isEmpty()) {
            collecting.multiline = false;
        }
        collecting = null;
    }

    // ---- @id, $NAME=, ~SEQ, expansion

    private LineText process(LineText buf) {
        for (int round = 0; round < MAX_RECHECKS; round++) {
            if (buf.charAt(0) == '@') {
                buf = conditional(buf);
                if (buf == null) {
                    return null;
                }
            }
            if (buf.charAt(0) == '$') {
                Definitions.Def def = defs.parseDefinition(buf);
                if (def != null) {
                    if (def.multiline) {
                        collecting = def;
                    }
                    return null;
                }
            }
            if (buf.charAt(0) == '~') {
                if (buf.text.startsWith("~SEQ") || buf.text.startsWith("~LST")) {
                    addSequence(buf);
                    return null;
                }
                return buf;
            }
            if (!buf.mayHave(LineText.DOLLAR)) {
                return buf;
            }
            Definitions.Expanded e = defs.expand(buf, this);
            if (e.failed()) {
                return null;
            }
            if (!e.changed()) {
                return buf;
            }
            // All expansion output together is bounded too, or definitions that keep growing a line round after
            // round (keepalived loops on them) would cost quadratic time.
            if ((expandedChars += e.line().length()) > maxChars) {
                findings.addAlways(Severity.CANNOT_RUN, buf.pos(0), "Definitions expand to more than "
                        + (maxChars >> 20) + " MiB of text - stopping here");
                stopped = true;
                return null;
            }
            for (Definitions.Continuation c : e.continuations()) {
                if (chain.contains(c.def())) {
                    findings.addWithHint(Severity.ERROR, buf.pos(0), "Definition $" + c.def().name
                            + " refers to itself through its own lines (defined at " + c.def().definedAt
                            + ") - line ignored", "a definition may not use itself, directly or through other definitions");
                    return null;
                }
                var longer = new ArrayList<Definitions.Def>(chain.size() + 1);
                longer.addAll(chain);
                longer.add(c.def());
                chain = List.copyOf(longer);
                cursors.push(new Cursor(c.rest(), buf.origin, c.col(), cursors.isEmpty() ? 0 : multilineSeqDepth,
                        chain));
                multilineSeqDepth = seqs.size();
            }
            buf = Decomment.apply(e.line());
            if (buf.isEmpty()) {
                return null;
            }
            if (buf.charAt(0) != '@' && buf.text.indexOf('$') < 0 && buf.charAt(0) != '~') {
                return buf;
            }
        }
        findings.error(buf.pos(0), "Definition expansion does not come to an end after " + MAX_RECHECKS
                + " rounds - line ignored");
        return null;
    }

    /** {@code @id rest} is kept when id is the config id, {@code @^id rest} when it is not. */
    private LineText conditional(LineText buf) {
        String s = buf.text;
        boolean reverse = s.length() > 1 && s.charAt(1) == '^';
        int idStart = reverse ? 2 : 1;
        int idEnd = idStart;
        while (idEnd < s.length() && !Decomment.isBlank(s.charAt(idEnd))) {
            idEnd++;
        }
        if (idEnd >= s.length()) {
            return null; // nothing after the id
        }
        boolean same = configId != null && s.regionMatches(idStart, configId, 0, configId.length())
                && idEnd - idStart == configId.length();
        if (same == reverse) {
            return null;
        }
        int rest = idEnd;
        while (rest < s.length() && Decomment.isBlank(s.charAt(rest))) {
            rest++;
        }
        return buf.sub(rest);
    }

    private void addSequence(LineText buf) {
        try {
            Sequence seq = buf.charAt(1) == 'S'
                    ? Sequence.parseSeq(buf, this::expandSeqParams)
                    : Sequence.parseLst(buf);
            seq.chain = chain;
            seq.at = buf.pos(0);
            if (seqs.size() >= MAX_SEQ_NESTING) {
                findings.error(buf.pos(0), "~SEQ/~LST nested more than " + MAX_SEQ_NESTING + " deep - ignored");
                return;
            }
            seqs.add(seq);
        } catch (Sequence.Invalid e) {
            findings.error(buf.pos(0), e.getMessage());
        }
    }

    /** Definitions in ~SEQ's numbers; null if one is a multi-line definition (keepalived refuses those). */
    private String expandSeqParams(String params) {
        var e = defs.expand(new LineText(params, new Origin("", 0, List.of()), 1), this);
        if (!e.continuations().isEmpty()) {
            return null;
        }
        return e.line().text;
    }

    // ---- braces

    /** Keeps the text before the first unquoted brace (or the brace itself) and saves the rest for later. */
    private LineText splitAtBrace(LineText buf) {
        if (!buf.mayHave(LineText.BRACE)) {
            return buf;
        }
        String s = buf.text;
        int n = s.length();
        int p = -1;
        char first = s.charAt(0);
        if (first == '{' || first == '}') {
            p = 0;
        } else {
            int open = s.indexOf('{');
            int close = s.indexOf('}');
            int brace = open < 0 ? close : close < 0 ? open : Math.min(open, close);
            int quote = s.indexOf('"');
            if (brace >= 0 && (quote < 0 || quote > brace)) {
                p = brace;
            } else if (brace >= 0) {
                p = braceOutsideQuotes(s, quote);
            }
        }
        LineText line = buf;
        if (p >= 0) {
            int skip = 0;
            if (p == 0) {
                skip = 1;
                while (skip < n && Decomment.isBlank(s.charAt(skip))) {
                    skip++;
                }
            }
            if (p + skip < n) {
                int end = n;
                while (end > p + skip && Decomment.isBlank(s.charAt(end - 1))) {
                    end--;
                }
                residue = buf.sub(p + skip, end);
                residueChain = chain;
                line = buf.sub(0, p + skip);
            }
        }
        int len = line.length();
        while (len > 0 && Decomment.isBlank(line.charAt(len - 1))) {
            len--;
        }
        return line.sub(0, len);
    }

    /** The first '{' or '}' not inside double quotes, scanning from the first quote; -1 if none. */
    private static int braceOutsideQuotes(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close;
            } else if (c == '{' || c == '}') {
                return i;
            }
        }
        return -1;
    }

}
