package io.jkeepalived.config.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.Severity;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input: a clear diagnostic, never a hang, crash, stack trace or runaway memory. */
class BadInputTest {
    private static final ConfigReader.Options OPTS = new ConfigReader.Options("main", false);

    @TempDir
    Path dir;

    private static ParsedConfig bounded(Duration limit, Supplier<ParsedConfig> read) {
        return assertTimeoutPreemptively(limit, read::get);
    }

    private static ParsedConfig text(String t) {
        return bounded(Duration.ofSeconds(10), () -> ConfigReader.read(t, "bad.conf", OPTS));
    }

    private static boolean has(ParsedConfig pc, Severity s, String where, String text) {
        for (Diagnostic d : pc.diagnostics()) {
            if (d.severity() == s && d.pos().toString().equals(where) && d.message().contains(text)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void binaryGarbage() throws IOException {
        byte[] junk = new byte[256 * 1024];
        new Random(7).nextBytes(junk);
        Path f = dir.resolve("junk.conf");
        Files.write(f, junk);
        ParsedConfig pc = bounded(Duration.ofSeconds(10), () -> ConfigReader.read(f, OPTS));
        assertTrue(pc.diagnostics().stream().anyMatch(d -> d.message().contains("embedded NULs")
                && d.pos().line() > 0 && d.pos().column() > 0), TreeText.diags(pc));
        assertTrue(pc.diagnostics().stream().anyMatch(d -> d.message().contains("invalid UTF-8")));
        assertTrue(pc.diagnostics().size() <= Findings.LIMIT + 1);
    }

    @Test
    void nulByteNamesLineAndColumnAndTheLineIsSkipped() {
        ParsedConfig pc = text("a b\0c\nd\n");
        assertEquals("ERROR bad.conf:1:4 configuration appears to have embedded NULs - ignoring line\n",
                TreeText.diags(pc));
        assertEquals("d\n", TreeText.of(pc));
    }

    @Test
    void invalidUtf8IsReportedThenReplaced() throws IOException {
        Path f = dir.resolve("latin1.conf");
        Files.write(f, new byte[] {'a', ' ', (byte) 0xff, 'x', ' ', 'b', '\n', 'c', ' ', (byte) 0xc3, (byte) 0xa9, '\n',
            'd', ' ', (byte) 0xe2, (byte) 0x82, '\n'});
        ParsedConfig pc = bounded(Duration.ofSeconds(5), () -> ConfigReader.read(f, OPTS));
        assertEquals("ERROR " + f + ":1:3 invalid UTF-8 byte sequence - replaced by U+FFFD\n"
                + "ERROR " + f + ":3:3 invalid UTF-8 byte sequence - replaced by U+FFFD\n", TreeText.diags(pc));
        assertEquals("a|\uFFFDx|b\nc|\u00e9\nd|\uFFFD\n", TreeText.of(pc));
    }

    @Test
    void hundredMegabyteFileIsRefused() throws IOException {
        Path f = dir.resolve("huge.conf");
        try (var raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(100L << 20);
        }
        ParsedConfig pc = bounded(Duration.ofSeconds(5), () -> ConfigReader.read(f, OPTS));
        assertEquals(Severity.CANNOT_RUN, pc.diagnostics().getFirst().severity());
        assertEquals("Configuration file '" + f + "' is too large (100 MiB, limit 32 MiB) - skipping",
                pc.diagnostics().getFirst().message());
    }

    @Test
    void hugeIncludeIsRefusedTooAndTheRestIsRead() throws IOException {
        Path f = dir.resolve("huge.conf");
        try (var raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(40L << 20);
        }
        Path main = dir.resolve("main.conf");
        Files.writeString(main, "include huge.conf\nafter\n");
        ParsedConfig pc = bounded(Duration.ofSeconds(5), () -> ConfigReader.read(main, OPTS));
        assertEquals("after\n", TreeText.of(pc));
        assertTrue(has(pc, Severity.CANNOT_RUN, main + ":1:1", "too large (40 MiB, limit 32 MiB)"));
    }

    @Test
    void hugeTextIsRefused() {
        ParsedConfig pc = text("a".repeat(SourceText.MAX_FILE_BYTES + 1));
        assertTrue(pc.diagnostics().getFirst().message().contains("too large"));
    }

    @Test
    void includeCycleOfOneFile() throws IOException {
        Path f = dir.resolve("self.conf");
        Files.writeString(f, "a\ninclude self.conf\nb\n");
        ParsedConfig pc = bounded(Duration.ofSeconds(5), () -> ConfigReader.read(f, OPTS));
        assertEquals("a\nb\n", TreeText.of(pc));
        assertTrue(has(pc, Severity.CANNOT_RUN, f + ":2:1", "Include cycle: 'self.conf'"));
    }

    @Test
    void fifoIsNotOpened() throws Exception {
        Path fifo = dir.resolve("pipe.conf");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo not available");
        Path main = dir.resolve("main.conf");
        Files.writeString(main, "includer pipe.conf\nx\n");
        ParsedConfig pc = bounded(Duration.ofSeconds(5), () -> ConfigReader.read(main, OPTS));
        assertEquals("x\n", TreeText.of(pc));
        assertTrue(has(pc, Severity.CANNOT_RUN, main + ":1:1", "is not a regular non-executable file"));
    }

    @Test
    void unreadableIncludeIsAnError() throws IOException {
        Path main = dir.resolve("main.conf");
        Files.writeString(main, "includer unreadable.conf\n");
        Path u = dir.resolve("unreadable.conf");
        Files.writeString(u, "secret\n");
        u.toFile().setReadable(false, false);
        ParsedConfig pc = bounded(Duration.ofSeconds(5), () -> ConfigReader.read(main, OPTS));
        // root reads it anyway; anyone else gets the error.
        if (Files.isReadable(u)) {
            assertEquals("secret\n", TreeText.of(pc));
        } else {
            assertTrue(has(pc, Severity.CANNOT_RUN, main + ":1:1", "open problem (Permission denied)"));
        }
    }

    @Test
    void selfReferentialDefinition() {
        ParsedConfig pc = text("$IF=${IF}\nvrrp_instance X {\n interface $IF\n}\n");
        assertTrue(has(pc, Severity.ERROR, "bad.conf:3:2", "Definition $IF refers to itself"));
        assertTrue(TreeText.diags(pc).contains("defined at bad.conf:1:1"));
    }

    @Test
    void multiLineDefinitionUsingItself() {
        ParsedConfig pc = text("$M=a \\\n$M\n\n$M\nb\n");
        assertEquals("a\nb\n", TreeText.of(pc));
        assertTrue(has(pc, Severity.ERROR, "bad.conf:4:1", "Definition $M refers to itself through its own lines"),
                TreeText.diags(pc));
    }

    @Test
    void sequenceProducedByItsOwnDefinition() {
        // 2^16 expansions before the depth limit: ~4 s on a quiet machine, so the heavier inputs' 30 s bound
        ParsedConfig pc = bounded(Duration.ofSeconds(30), () -> ConfigReader.read("$M=~SEQ(i, 1, 2) $M\n$M\nend\n", "bad.conf", OPTS));
        assertTrue(TreeText.diags(pc).contains("nested more than 16 deep"), TreeText.diags(pc));
    }

    @Test
    void definitionsThatGrowALineRoundAfterRound() {
        // A value starting with '~' stops keepalived's scan; the line is re-read, and grows again.
        ParsedConfig pc = text("$B=~ $A\n$A=x ${B}\nuse $A\nafter\n");
        assertTrue(has(pc, Severity.ERROR, "bad.conf:3:1", "does not come to an end after 20 rounds"), TreeText.diags(pc));
        assertEquals("after", pc.roots().getLast().name());
        ParsedConfig many = bounded(Duration.ofSeconds(30),
                () -> ConfigReader.read("$B=~ $A\n$A=x ${B}\n~SEQ(i, 1, 100000000) use $A\n", "bad.conf", OPTS));
        assertTrue(many.diagnostics().stream().anyMatch(d -> d.severity() == Severity.CANNOT_RUN
                && d.message().contains("stopping here")), TreeText.diags(many));
    }

    @Test
    void endlessSequence() {
        ParsedConfig pc = bounded(Duration.ofSeconds(30),
                () -> ConfigReader.read("~SEQ(i, 0, 1, 9223372036854775806) $X=$i\n", "bad.conf", OPTS));
        assertTrue(has(pc, Severity.CANNOT_RUN, "bad.conf:1:1", "repeat more than"), TreeText.diags(pc));
    }

    @Test
    void sequenceAtTheEndOfTheNumbers() {
        ParsedConfig pc = text("~SEQ(i, 9223372036854775806, 1, 9223372036854775807) a $i\n");
        assertEquals("a|9223372036854775806\na|9223372036854775807\n", TreeText.of(pc));
    }

    @Test
    void tenThousandLevelsOfBraces() {
        var sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append("b").append(i).append(" {\n");
        }
        for (int i = 0; i < 10_000; i++) {
            sb.append("}\n");
        }
        sb.append("after\n");
        ParsedConfig pc = text(sb.toString());
        assertEquals(List.of("ERROR bad.conf:101:6 Blocks nested more than 100 deep - skipping this block"),
                pc.diagnostics().stream().map(d -> d.severity() + " " + d.pos() + " " + d.message()).toList());
        assertEquals("after", pc.roots().getLast().name());
        int depth = 0;
        for (ConfigNode n = pc.roots().getFirst(); !n.children().isEmpty(); n = n.children().getFirst()) {
            depth++;
        }
        assertEquals(TreeBuilder.MAX_DEPTH, depth + 1);
    }

    @Test
    void tenThousandUnclosedBracesOnOneLine() {
        ParsedConfig pc = text("a " + "{ ".repeat(10_000) + "\n");
        // The line is cut once re-reading its rest after each brace gets too expensive; what was read is counted.
        assertTrue(TreeText.diags(pc).contains("Too many '{' and '}' on one long line"), TreeText.diags(pc));
        assertTrue(pc.diagnostics().getLast().message().matches("There are \\d+ missing '}'s or extra '\\{'s"),
                TreeText.diags(pc));
    }

    @Test
    void oneMegabyteLine() {
        String line = "virtual_ipaddress " + "192.0.2.1 ".repeat(100_000) + "\n";
        ParsedConfig pc = text(line + "next\n");
        assertEquals(100_001, pc.roots().getFirst().words().size());
        assertEquals("next", pc.roots().getLast().name());
        assertEquals(List.of(), pc.diagnostics());
    }

    @Test
    void oneMegabyteLineOfBraces() {
        ParsedConfig pc = text("a " + "{ } ".repeat(250_000) + "\nnext\n");
        assertTrue(TreeText.diags(pc).contains("Too many '{' and '}' on one long line"), TreeText.diags(pc));
        assertEquals("next", pc.roots().getLast().name());
    }

    @Test
    void oneMegabyteWord() {
        ParsedConfig pc = text("x " + "\"".repeat(1) + "y".repeat(1 << 20) + "\n");
        assertEquals(1 << 20, pc.roots().getFirst().args().getFirst().text().length());
        assertTrue(TreeText.diags(pc).contains("Unmatched quote"));
    }

    @Test
    void doublingDefinitionsAreStopped() {
        var sb = new StringBuilder("$D0=x\n");
        for (int i = 1; i <= 60; i++) {
            sb.append("$D").append(i).append("=$D").append(i - 1).append(" $D").append(i - 1).append('\n');
        }
        sb.append("a $D60\n");
        ParsedConfig pc = text(sb.toString());
        assertTrue(has(pc, Severity.ERROR, "bad.conf:62:1", "line ignored"), TreeText.diags(pc));
    }

    @Test
    void definitionsWithNothingButEmptyValuesAreStopped() {
        var sb = new StringBuilder("$E0=\n");
        for (int i = 1; i <= 60; i++) {
            sb.append("$E").append(i).append("=${E").append(i - 1).append("}${E").append(i - 1).append("}\n");
        }
        sb.append("a $E60\n");
        ParsedConfig pc = text(sb.toString());
        assertTrue(has(pc, Severity.ERROR, "bad.conf:62:1", "definition expansions on one line"), TreeText.diags(pc));
    }

    @Test
    void braceExplosionInAnInclude() {
        ParsedConfig pc = text("include " + "{a,b}".repeat(30) + ".conf\n");
        assertTrue(TreeText.diags(pc).contains("matches more than"), TreeText.diags(pc));
    }

    @Test
    void brokenSequencesAndLists() {
        for (String s : List.of("~SEQ", "~SEQ(", "~SEQ(a", "~SEQ(a,", "~SEQ(a,)", "~SEQx(a,1,2,3,4)", "~LST", "~LST(",
                "~LST(a", "~LST({a", "~LST({a,b},{1", "~LST(a,)", "~LST({},{})", "~LST(a,1", "~SEQ(a, 0x)",
                "~SEQ(a, 99999999999999999999999)", "~SEQ(a, 1, 0, 5)")) {
            ParsedConfig pc = text(s + " x\n" + s + "\n");
            assertTrue(pc.roots().size() <= LineReader.MAX_LINES, s);
        }
    }

    @Test
    void trailingBackslashesEverywhere() {
        ParsedConfig pc = text("a \\\n\\\n\"\\\n$X=\\\n\\\n\\\n");
        assertEquals(Severity.ERROR, pc.diagnostics().getFirst().severity());
    }

    @Test
    void controlCharactersAndUnicodeAreJustText() {
        ParsedConfig pc = text("a \u0001\u007f \u2028 \uD83D\uDE00 \uD800\n");
        assertEquals(List.of("a", "\u0001\u007f", "\u2028", "\uD83D\uDE00", "\uD800"), pc.roots().getFirst().words());
        assertEquals(StandardCharsets.UTF_8, StandardCharsets.UTF_8);
    }
}
