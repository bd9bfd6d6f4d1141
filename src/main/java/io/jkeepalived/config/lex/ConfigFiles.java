package io.jkeepalived.config.lex;

import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The configuration files being read: the main file, and every {@code include}/{@code includer}/... with
 * keepalived's glob matching, include checks ({@code -e}, {@code include_check}) and messages - plus what
 * keepalived lacks: include cycles, nesting depth and file size are refused with a diagnostic.
 */
final class ConfigFiles {
    static final int MAX_INCLUDE_DEPTH = 32;
    /** All files of one configuration together. */
    static final long MAX_TOTAL_BYTES = 64L << 20;
    static final int MAX_INCLUDE_PATTERN = 4096;

    /** One file being read; files matched by one include glob are read one after the other. */
    static final class FileFrame {
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

    private final Findings findings;
    private final Path cwd;
    private final ArrayDeque<FileFrame> files = new ArrayDeque<>();
    private final List<Path> filesRead = new ArrayList<>();
    private int includeCheck;
    private long totalBytes;
    private boolean includesDisabled;

    ConfigFiles(Findings findings, boolean strictIncludes, Path cwd) {
        this.findings = findings;
        this.cwd = cwd;
        this.includeCheck = strictIncludes ? IncludeCheck.ALL : IncludeCheck.NONE;
    }

    List<Path> filesRead() {
        return filesRead;
    }

    /** The file being read, or null when all are done. */
    FileFrame current() {
        return files.peek();
    }

    /** Directory of the file being read ({@code ${_PWD}}, relative includes). */
    Path currentDir() {
        FileFrame f = files.peek();
        return f == null ? cwd : f.dir;
    }

    /** Include lines are reported and skipped instead of read (fuzzing). */
    void disableIncludes() {
        includesDisabled = true;
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

    // ---- includes

    /**
     * keepalived's {@code check_include}: include, includer, includem, includew, includeb, includea; and
     * {@code includet}, which keepalived's own {@code -e} help names but its parser lacks: the same as includea.
     */
    boolean include(LineText buf) {
        String s = buf.text;
        if (s.charAt(0) != 'i' || !s.startsWith("include") || s.length() < 8) {
            return false;
        }
        char v = s.charAt(7);
        int p;
        if (Words.isWhite(v)) {
            v = 0;
            p = 8;
        } else if (s.length() > 8 && Words.isWhite(s.charAt(8)) && "rmwbat".indexOf(v) >= 0) {
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

    /** The current file is done: go on with the next file its include matched, or the includer. */
    void endFile() {
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
    void includeCheck(List<Token> words) {
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
