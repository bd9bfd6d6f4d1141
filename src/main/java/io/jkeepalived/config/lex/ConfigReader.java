package io.jkeepalived.config.lex;

import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Reads a keepalived.conf and its includes into a tree of {@link io.jkeepalived.config.ConfigNode}s, doing
 * everything keepalived's {@code lib/parser.c} does before keywords are looked at. Never throws for bad input:
 * every problem becomes a {@link io.jkeepalived.config.Diagnostic}.
 */
public final class ConfigReader {
    private ConfigReader() {
    }

    /**
     * @param configId       the id {@code @id} lines are compared with ({@code -i}); keepalived's default is the
     *                       host name up to the first dot
     * @param strictIncludes {@code -e}: every include problem is an error
     */
    public record Options(String configId, boolean strictIncludes) {
        public static Options defaults() {
            return new Options(shortHostName(), false);
        }
    }

    public static ParsedConfig read(Path file, Options options) {
        var findings = new Findings();
        var reader = new LineReader(findings, options.configId(), options.strictIncludes(), cwd(), new Random());
        if (!reader.startFile(file)) {
            return new ParsedConfig(List.of(), findings.all(), List.of());
        }
        return build(reader, findings);
    }

    /** Reads configuration text directly (tests, fuzzing); includes are relative to the working directory. */
    public static ParsedConfig read(String text, String fileName, Options options) {
        var findings = new Findings();
        var reader = new LineReader(findings, options.configId(), options.strictIncludes(), cwd(), new Random());
        reader.startText(text, fileName);
        return build(reader, findings);
    }

    /**
     * For fuzzing: repeatable {@code ${_RANDOM}}, no file system access (generated text can spell
     * {@code include /*}{@code /*}, and reading some /proc files as root never returns), and a lower cap on
     * ~SEQ output, so that each input takes milliseconds; the full caps are covered by BadInputTest.
     */
    static ParsedConfig readWithoutIncludes(String text, String fileName, Options options, long seed) {
        var findings = new Findings();
        var reader = new LineReader(findings, options.configId(), options.strictIncludes(), cwd(), new Random(seed));
        reader.restrictForFuzzing();
        reader.startText(text, fileName);
        return build(reader, findings);
    }

    private static ParsedConfig build(LineReader reader, Findings findings) {
        var tree = new TreeBuilder(findings);
        try {
            LineText line;
            while ((line = reader.next()) != null) {
                char c = line.charAt(0);
                if (line.length() == 1 && c == '{') {
                    tree.openBrace(line.pos(0));
                } else if (line.length() == 1 && c == '}') {
                    tree.closeBrace(line.pos(0));
                } else {
                    List<Token> words = Words.split(line, findings);
                    if (!words.isEmpty()) {
                        keywordsTheLexerActsOn(words, reader, findings);
                        tree.line(words);
                    }
                }
            }
        } catch (StackOverflowError | OutOfMemoryError e) {
            // Should not happen (nothing recurses, everything is capped); if it does, say so instead of dying.
            findings.add(Severity.FATAL, SourcePos.NONE, "configuration could not be read: " + e);
        }
        return new ParsedConfig(tree.finish(), findings.all(), reader.filesRead());
    }

    /** include_check and random_seed change how the rest of the file is read, so they act here too. */
    private static void keywordsTheLexerActsOn(List<Token> words, LineReader reader, Findings findings) {
        String first = words.getFirst().text();
        if (first.length() != 13 && first.length() != 11) {
            return; // neither "include_check" nor "random_seed": skip the string switch on every line
        }
        switch (first) {
            case "include_check" -> reader.includeCheck(words);
            case "random_seed" -> {
                if (words.size() > 1) {
                    try {
                        reader.seed(Long.parseUnsignedLong(words.get(1).text()));
                    } catch (NumberFormatException e) {
                        // the keyword layer reports the bad number
                    }
                }
            }
            default -> {
            }
        }
    }

    private static Path cwd() {
        return Path.of("").toAbsolutePath();
    }

    /** keepalived uses uname's node name up to the first '.'. */
    static String shortHostName() {
        String name = null;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
        } catch (IOException | SecurityException e) {
            name = System.getenv("HOSTNAME");
        }
        if (name == null || name.isEmpty()) {
            name = "localhost";
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
