package io.jkeepalived.config.lex;

import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * keepalived's {@code read_line()}: hands out logical lines, one at a time, after comments, includes,
 * {@code @id} conditions, {@code $NAME=} definitions and their use, {@code ~SEQ}/{@code ~LST} repetition, and
 * splitting at the first unquoted brace ({@code a { b } c} gives {@code a}, <code>{</code>, {@code b},
 * <code>}</code>, {@code c}). Every limit it enforces ends in a diagnostic, never in a hang.
 */
final class LineReader implements Definitions.Context {
    static final int MAX_INCLUDE_DEPTH = 32;
    /** All files of one configuration together. */
    static final long MAX_TOTAL_BYTES = 64L << 20;
    /** Logical lines one configuration may expand to (keepalived's own example makes 1 million). */
    static final long MAX_LINES = 2_000_000;
    static final long MAX_CHARS = 64L << 20;
    /**
     * Text re-read after brace splits of one physical line: keepalived re-reads the rest of a line after each
     * brace, which is quadratic on a huge line full of braces (keepalived itself stops at 1023 characters).
     */
    static final long MAX_RESIDUE_CHARS_PER_LINE = 64L << 20;
    static final int MAX_INCLUDE_PATTERN = 4096;
    /** keepalived's own example nests three ~SEQs. */
    static final int MAX_SEQ_NESTING = 16;
    private static final int MAX_RECHECKS = 1000;

    /** One file being read; files matched by one include glob are read one after the other. */
    private static final class FileFrame {
        final SourceText src;
        final String display;
        final Path dir;
        final Path realPath;
        final List<String> chain;
        final GlobGroup group;

        FileFrame(SourceText src, String display, Path dir, Path realPath, List<String> chain, GlobGroup group) {
            this.src = src;
            this.display = display;
            this.dir = dir;
            this.realPath = realPath;
            this.chain = chain;
            this.group = group;
        }
    }

    /** The files one include line matched, still to be read, and the include_check to restore after each. */
    private static final class GlobGroup {
        final String pattern;
        final List<String> names;
        final Path base;
        final int type;
        final int savedCheck;
        final List<String> chain;
        final SourcePos at;
        int next;
        int opened;

        GlobGroup(String pattern, List<String> names, Path base, int type, int savedCheck, List<String> chain,
                SourcePos at) {
            this.pattern = pattern;
            this.names = names;
            this.base = base;
            this.type = type;
            this.savedCheck = savedCheck;
            this.chain = chain;
            this.at = at;
        }
    }

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
    private final Path cwd;
    private RandomGenerator random;
    private final ArrayDeque<FileFrame> files = new ArrayDeque<>();
    private final List<Path> filesRead = new ArrayList<>();
    private final ArrayList<Sequence> seqs = new ArrayList<>();
    private final ArrayDeque<Cursor> cursors = new ArrayDeque<>();
    private int multilineSeqDepth;
    private LineText residue;
    private Definitions.Def collecting; // a multi-line definition still being read
    private int includeCheck;
    private long totalBytes;
    private long linesOut;
    private long charsOut;
    private boolean stopped;
    private long residueChars;
    private final int[] nulAt = new int[1];
    private boolean includesDisabled;
    private long maxLines = MAX_LINES;
    private long maxChars = MAX_CHARS;
    private long seqRounds;
    /** Multi-line definitions the current line came from, to refuse recursion through them. */
    private List<Definitions.Def> chain = List.of();
    private List<Definitions.Def> residueChain = List.of();

    LineReader(Findings findings, String configId, boolean strictIncludes, Path cwd, RandomGenerator random) {
        this.findings = findings;
        this.defs = new Definitions(findings);
        this.configId = configId;
        this.cwd = cwd;
        this.random = random;
        this.includeCheck = strictIncludes ? IncludeCheck.ALL : IncludeCheck.NONE;
    }

    List<Path> filesRead() {
        return filesRead;
    }

    // ---- Definitions.Context

    @Override
    public String currentDir() {
        FileFrame f = files.peek();
        return (f == null ? cwd : f.dir).toString();
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
        includesDisabled = true;
        maxLines = 2_000;
        maxChars = 1 << 20;
    }

    /** Starts with text handed in directly. */
    void startText(String text, String display) {
        Origin o = new Origin(display, 0, List.of());
        if (text.length() > SourceText.MAX_FILE_BYTES) {
            findings.add(Severity.CANNOT_RUN, o.at(0), "Configuration file '" + display + "' is too large ("
                    + (text.length() >> 20) + " MiB, limit " + (SourceText.MAX_FILE_BYTES >> 20) + " MiB) - skipping");
            return;
        }
        files.push(new FileFrame(SourceText.of(text, o), display, cwd, null, List.of(), null));
    }

    /** Starts with the main configuration file; false (with a diagnostic) when it cannot be read. */
    boolean startFile(Path file) {
        String display = file.toString();
        Path abs = file.toAbsolutePath().normalize();
        SourcePos at = new SourcePos(display, 0, 0, List.of());
        if (Files.isDirectory(abs)) {
            findings.add(Severity.CANNOT_RUN, at, "Configuration file '" + display + "' is a directory");
            return false;
        }
        FileFrame f = open(abs, display, List.of(), null, at, Severity.CANNOT_RUN);
        if (f == null) {
            findings.add(Severity.CANNOT_RUN, at, "Failed to open configuration file");
            return false;
        }
        files.push(f);
        return true;
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
                    findings.add(Severity.CANNOT_RUN, seq.at, "~SEQ/~LST repeat more than "
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
            if (include(buf)) {
                continue;
            }
            LineText line = splitAtBrace(buf);
            if (++linesOut > maxLines || (charsOut += line.length()) > maxChars) {
                findings.add(Severity.CANNOT_RUN, line.pos(0), "The configuration expands to more than "
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
            FileFrame f = files.peek();
            if (f == null) {
                return null;
            }
            SourceText src = f.src;
            if (!src.advance()) {
                endFile();
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

    // ---- includes

    /** keepalived's {@code check_include}: include, includer, includem, includew, includeb, includea. */
    private boolean include(LineText buf) {
        String s = buf.text;
        if (s.charAt(0) != 'i' || !s.startsWith("include") || s.length() < 8) {
            return false;
        }
        char v = s.charAt(7);
        int p;
        if (Words.isWhite(v)) {
            v = 0;
            p = 8;
        } else if (s.length() > 8 && Words.isWhite(s.charAt(8)) && "rmwba".indexOf(v) >= 0) {
            p = 9;
        } else {
            return false;
        }
        while (p < s.length() && Decomment.isBlank(s.charAt(p))) {
            p++;
        }
        String pattern = s.substring(p);
        if (pattern.length() > MAX_INCLUDE_PATTERN) {
            findings.add(Severity.CANNOT_RUN, buf.pos(0), "include file name longer than " + MAX_INCLUDE_PATTERN
                    + " characters - ignored");
            return true;
        }
        int type = IncludeCheck.forVariant(v);
        SourcePos at = buf.pos(0);
        FileFrame current = files.peek();
        List<String> chain = new ArrayList<>(current == null ? List.of() : current.chain);
        chain.add(buf.origin.where());
        List<String> newChain = List.copyOf(chain);
        if (includesDisabled) {
            findings.add(Severity.INFO, at, "include '" + pattern + "' not read (includes disabled)");
            return true;
        }
        if (files.size() >= MAX_INCLUDE_DEPTH) {
            findings.add(Severity.CANNOT_RUN, at, "Includes nested more than " + MAX_INCLUDE_DEPTH
                    + " deep - not including '" + pattern + "'");
            return true;
        }
        if (pattern.isEmpty()) {
            fileError(IncludeCheck.MATCH, type, at, "include with no file name");
            return true;
        }
        Path base = current == null ? cwd : current.dir;
        Glob.Result g = Glob.expand(pattern, base);
        if (g.tooMany()) {
            findings.add(Severity.ERROR, at, "include '" + pattern + "' matches more than " + Glob.MAX_MATCHES
                    + " files or brace alternatives - only the first are read");
        }
        if (g.matches().isEmpty()) {
            if (g.missingFiles() > 0 || g.missingDirectories() > 0) {
                fileError(Glob.hasBrace(pattern) ? IncludeCheck.BRACE : IncludeCheck.MATCH, type, at,
                        "Config files missing '" + pattern + "'.");
            } else if (g.haveWildcards() && ((includeCheck | type) & IncludeCheck.WILDCARD) != 0) {
                fileError(IncludeCheck.WILDCARD, type, at, "No config files matched '" + pattern + "'.");
            }
            return true;
        }
        if (g.missingFiles() > 0 || g.missingDirectories() > 0) {
            fileError(IncludeCheck.BRACE, type, at, "Some config files missing: \"" + pattern + "\".");
            if (((includeCheck | type) & IncludeCheck.BRACE) != 0) {
                return true;
            }
        }
        var group = new GlobGroup(pattern, g.matches(), base, type, includeCheck, newChain, at);
        openNext(group);
        return true;
    }

    /** Opens the next readable file of an include; false when none is left. */
    private boolean openNext(GlobGroup g) {
        while (g.next < g.names.size()) {
            String name = g.names.get(g.next++);
            if (name.endsWith("/")) {
                fileError(IncludeCheck.READ, g.type, g.at, "Configuration file '" + name + "' is a directory - skipping");
                continue;
            }
            Path path = g.base.resolve(name).normalize();
            if (!regularNonExecutable(path)) {
                fileError(IncludeCheck.READ, g.type, g.at,
                        "Configuration file '" + name + "' is not a regular non-executable file - skipping");
                continue;
            }
            Severity severity = ((includeCheck | g.type) & IncludeCheck.READ) != 0 ? Severity.CANNOT_RUN : Severity.INFO;
            FileFrame f = open(path, name, g.chain, g, g.at, severity);
            if (f != null) {
                g.opened++;
                files.push(f);
                return true;
            }
        }
        return false;
    }

    private void endFile() {
        FileFrame f = files.pop();
        GlobGroup g = f.group;
        if (g != null) {
            includeCheck = g.savedCheck;
            openNext(g);
        }
    }

    /** Reads and decodes one file, refusing cycles, huge files and unreadable ones (with a diagnostic). */
    private FileFrame open(Path path, String display, List<String> chain, GlobGroup group, SourcePos at,
            Severity severity) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException | SecurityException e) {
            findings.add(severity, at, "Configuration file '" + display + "' open problem (" + reason(e) + ") - skipping");
            return null;
        }
        for (FileFrame open : files) {
            if (real.equals(open.realPath)) {
                var cycle = new StringBuilder();
                for (String c : chain) {
                    cycle.append(c).append(" -> ");
                }
                cycle.append(display);
                findings.addWithHint(Severity.CANNOT_RUN, at, "Include cycle: '" + display
                        + "' is already being read - skipping", "include chain " + cycle);
                return null;
            }
        }
        byte[] bytes;
        try {
            long size = Files.size(real);
            if (size > SourceText.MAX_FILE_BYTES) {
                findings.add(Severity.CANNOT_RUN, at, "Configuration file '" + display + "' is too large ("
                        + (size >> 20) + " MiB, limit " + (SourceText.MAX_FILE_BYTES >> 20) + " MiB) - skipping");
                return null;
            }
            if (totalBytes + size > MAX_TOTAL_BYTES) {
                findings.add(Severity.CANNOT_RUN, at, "Configuration files together are too large (limit "
                        + (MAX_TOTAL_BYTES >> 20) + " MiB) - skipping '" + display + "'");
                return null;
            }
            bytes = Files.readAllBytes(real);
            totalBytes += bytes.length;
        } catch (IOException | SecurityException | OutOfMemoryError e) {
            findings.add(severity, at, "Configuration file '" + display + "' open problem (" + reason(e) + ") - skipping");
            return null;
        }
        filesRead.add(path);
        Origin fileOrigin = new Origin(display, 0, chain);
        SourceText src = SourceText.decode(bytes, fileOrigin, findings);
        Path dir = path.getParent() == null ? cwd : path.getParent();
        return new FileFrame(src, display, dir, real, chain, group);
    }

    private static String reason(Throwable e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException x -> "No such file or directory";
            case java.nio.file.AccessDeniedException x -> "Permission denied";
            case OutOfMemoryError x -> "file too large";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static boolean regularNonExecutable(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            Set<PosixFilePermission> perms = a.permissions();
            return a.isRegularFile() && !perms.contains(PosixFilePermission.OWNER_EXECUTE)
                    && !perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    && !perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isRegularFile(p);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** keepalived's {@code file_config_error}: an error only when the include's checks ask for it. */
    private void fileError(int errorType, int includeType, SourcePos at, String message) {
        boolean error = ((includeCheck | includeType) & errorType) != 0;
        findings.add(error ? Severity.CANNOT_RUN : Severity.INFO, at, message);
    }

    /** {@code include_check [+|-]read|match|wildcard_match|brace_match ...} (global_defs), as keepalived. */
    void includeCheck(List<io.jkeepalived.config.Token> words) {
        if (words.size() <= 1) {
            includeCheck = IncludeCheck.ALL;
            return;
        }
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i).text();
            int mode = 0;
            int off = 1;
            if (w.startsWith("-")) {
                mode = -1;
            } else if (w.startsWith("+")) {
                mode = 1;
            } else {
                off = 0;
                if (i == 1) {
                    includeCheck = 0;
                } else {
                    findings.error(words.get(i).pos(), "Duplicate include_check '" + w + "' specified - ignoring");
                    continue;
                }
            }
            int flag = switch (w.substring(off)) {
                case "read" -> IncludeCheck.READ;
                case "match" -> IncludeCheck.MATCH;
                case "wildcard_match" -> IncludeCheck.WILDCARD;
                case "brace_match" -> IncludeCheck.BRACE;
                default -> {
                    findings.error(words.get(i).pos(), "Unknown include_check type '" + w.substring(off) + "' - ignoring");
                    yield 0;
                }
            };
            if (flag != 0) {
                includeCheck = mode == 0 ? IncludeCheck.READ | flag
                        : mode > 0 ? includeCheck | flag : includeCheck & ~flag;
            }
        }
    }

}
