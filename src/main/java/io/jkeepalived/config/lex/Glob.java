package io.jkeepalived.config.lex;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * glob(3) as keepalived calls it ({@code GLOB_BRACE | GLOB_MARK}): csh braces, then {@code * ? [...]} per path
 * component, matches sorted per brace alternative, directories marked with a trailing '/'. It also counts
 * what keepalived's {@code gl_opendir}/{@code gl_lstat} hooks count, because the include checks depend on it.
 */
final class Glob {
    /** More brace alternatives than this is not a configuration, it is an attack. */
    static final int MAX_ALTERNATIVES = 1024;
    static final int MAX_MATCHES = 10_000;

    /** The matched names (as glob returns them, relative when the pattern is) and the counters. */
    record Result(List<String> matches, int missingFiles, int missingDirectories, boolean haveWildcards,
            boolean tooMany) {
    }

    private final Path base;
    private final List<String> matches = new ArrayList<>();
    private int missingFiles;
    private int missingDirectories;
    private boolean haveWildcards;
    private boolean tooMany;

    private Glob(Path base) {
        this.base = base;
    }

    /** Expands {@code pattern}; relative patterns are looked up under {@code base}. */
    static Result expand(String pattern, Path base) {
        var g = new Glob(base);
        List<String> alternatives = braces(pattern);
        if (alternatives == null) {
            g.tooMany = true;
            alternatives = List.of(pattern);
        }
        for (String alt : alternatives) {
            g.one(alt);
        }
        return new Result(List.copyOf(g.matches), g.missingFiles, g.missingDirectories, g.haveWildcards, g.tooMany);
    }

    static boolean hasBrace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                return true;
            }
        }
        return false;
    }

    private void one(String pattern) {
        if (pattern.isEmpty()) {
            return;
        }
        if (!hasWildcard(pattern)) {
            Path p = resolve(unescape(pattern));
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                add(Files.isDirectory(p) ? unescape(pattern) + (pattern.endsWith("/") ? "" : "/") : unescape(pattern));
            } else {
                missingFiles++;
            }
            return;
        }
        boolean absolute = pattern.startsWith("/");
        String[] parts = pattern.split("/", -1);
        List<String> current = new ArrayList<>();
        current.add(absolute ? "/" : "");
        for (int i = absolute ? 1 : 0; i < parts.length; i++) {
            String part = parts[i];
            boolean lastPart = i == parts.length - 1;
            if (part.isEmpty()) {
                continue;
            }
            List<String> nextLevel = new ArrayList<>();
            for (String prefix : current) {
                if (!hasWildcard(part)) {
                    String candidate = prefix + unescape(part);
                    if (Files.exists(resolve(candidate), LinkOption.NOFOLLOW_LINKS)) {
                        nextLevel.add(candidate + (lastPart ? "" : "/"));
                    } else {
                        missingFiles++;
                    }
                    continue;
                }
                haveWildcards = true;
                Path dir = resolve(prefix.isEmpty() ? "." : prefix);
                List<String> names = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    for (Path e : ds) {
                        String name = e.getFileName().toString();
                        if (name.startsWith(".") && !part.startsWith(".")) {
                            continue;
                        }
                        if (matches(part, name)) {
                            names.add(name);
                            if (names.size() > MAX_MATCHES) {
                                tooMany = true;
                                break;
                            }
                        }
                    }
                } catch (IOException | SecurityException e) {
                    missingDirectories++;
                    continue;
                }
                Collections.sort(names);
                for (String name : names) {
                    nextLevel.add(prefix + name + (lastPart ? "" : "/"));
                }
                if (nextLevel.size() > MAX_MATCHES) {
                    // "/*/*/*" over a whole file system: stop walking instead of listing every directory.
                    tooMany = true;
                    break;
                }
            }
            current = nextLevel;
            if (current.isEmpty()) {
                return;
            }
        }
        List<String> found = new ArrayList<>();
        for (String c : current) {
            String name = c.endsWith("/") && c.length() > 1 ? c.substring(0, c.length() - 1) : c;
            found.add(Files.isDirectory(resolve(name)) ? name + "/" : name);
        }
        Collections.sort(found);
        found.forEach(this::add);
    }

    private void add(String match) {
        if (matches.size() >= MAX_MATCHES) {
            tooMany = true;
            return;
        }
        matches.add(match);
    }

    Path resolve(String name) {
        return base.resolve(name);
    }

    static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        var b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * csh brace expansion: {@code a{b,c{d,e}}f} -> abf, acdf, acef. A brace with no comma, or unbalanced, is
     * kept literally (as glibc does). Returns null when there would be more than {@link #MAX_ALTERNATIVES}.
     */
    static List<String> braces(String pattern) {
        List<String> out = new ArrayList<>();
        List<String> work = new ArrayList<>();
        work.add(pattern);
        while (!work.isEmpty()) {
            String p = work.removeLast();
            int open = -1;
            int depth = 0;
            int close = -1;
            List<Integer> commas = new ArrayList<>();
            for (int i = 0; i < p.length() && close < 0; i++) {
                char c = p.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '{') {
                    if (depth == 0) {
                        open = i;
                        commas.clear();
                    }
                    depth++;
                } else if (c == '}' && depth > 0) {
                    depth--;
                    if (depth == 0) {
                        if (commas.isEmpty()) {
                            open = -1; // "{x}" stays literal; keep looking after it
                        } else {
                            close = i;
                        }
                    }
                } else if (c == ',' && depth == 1) {
                    commas.add(i);
                }
            }
            if (close < 0) {
                out.add(p);
            } else {
                String pre = p.substring(0, open);
                String post = p.substring(close + 1);
                int from = open + 1;
                List<String> alts = new ArrayList<>();
                for (int comma : commas) {
                    alts.add(pre + p.substring(from, comma) + post);
                    from = comma + 1;
                }
                alts.add(pre + p.substring(from, close) + post);
                for (int i = alts.size() - 1; i >= 0; i--) {
                    work.add(alts.get(i)); // reversed so alternatives come out in order
                }
            }
            if (out.size() + work.size() > MAX_ALTERNATIVES) {
                return null;
            }
        }
        return out;
    }

    /** fnmatch(3) for one path component: {@code * ? [abc] [a-z] [!x] [^x]} and backslash escapes. */
    static boolean matches(String pat, String name) {
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = -1;
        while (n < name.length()) {
            if (p < pat.length()) {
                char c = pat.charAt(p);
                if (c == '*') {
                    starP = ++p;
                    starN = n;
                    continue;
                }
                if (c == '?') {
                    p++;
                    n++;
                    continue;
                }
                if (c == '[') {
                    int end = classEnd(pat, p);
                    if (end > 0) {
                        if (classMatches(pat, p + 1, end, name.charAt(n))) {
                            p = end + 1;
                            n++;
                            continue;
                        }
                    } else if (name.charAt(n) == '[') {
                        p++;
                        n++;
                        continue;
                    }
                } else {
                    if (c == '\\' && p + 1 < pat.length()) {
                        c = pat.charAt(p + 1);
                        if (name.charAt(n) == c) {
                            p += 2;
                            n++;
                            continue;
                        }
                    } else if (name.charAt(n) == c) {
                        p++;
                        n++;
                        continue;
                    }
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP;
            n = ++starN;
        }
        while (p < pat.length() && pat.charAt(p) == '*') {
            p++;
        }
        return p == pat.length();
    }

    private static int classEnd(String pat, int open) {
        int i = open + 1;
        if (i < pat.length() && (pat.charAt(i) == '!' || pat.charAt(i) == '^')) {
            i++;
        }
        if (i < pat.length() && pat.charAt(i) == ']') {
            i++;
        }
        for (; i < pat.length(); i++) {
            if (pat.charAt(i) == ']') {
                return i;
            }
        }
        return -1;
    }

    private static boolean classMatches(String pat, int from, int end, char c) {
        boolean negate = pat.charAt(from) == '!' || pat.charAt(from) == '^';
        int i = negate ? from + 1 : from;
        boolean hit = false;
        boolean first = true;
        while (i < end) {
            char lo = pat.charAt(i);
            if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < end && pat.charAt(i + 1) == '-') {
                char hi = pat.charAt(i + 2);
                if (c >= lo && c <= hi) {
                    hit = true;
                }
                i += 3;
            } else {
                if (c == lo) {
                    hit = true;
                }
                i++;
            }
        }
        return hit != negate;
    }
}
