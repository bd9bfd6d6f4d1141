package io.jkeepalived.config.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** include and its variants, on real files in a temporary directory. */
class IncludeTest {
    @TempDir
    Path dir;

    private static final ConfigReader.Options LAX = new ConfigReader.Options("main", false);
    private static final ConfigReader.Options STRICT = new ConfigReader.Options("main", true);

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    @Test
    void relativeToTheIncludingFileWithGlobsInOrderAndChains() throws IOException {
        Path main = write("main.conf", "include conf.d/*.conf", "last");
        write("conf.d/b.conf", "b1", "include sub/c.conf");
        write("conf.d/a.conf", "a1");
        write("conf.d/sub/c.conf", "c1 ${_PWD}");
        write("conf.d/skip.txt", "not me");
        ParsedConfig pc = ConfigReader.read(main, LAX);
        assertEquals("", TreeText.diags(pc));
        assertEquals(lines("a1", "b1", "c1|" + dir.resolve("conf.d/sub"), "last"), TreeText.of(pc));
        ConfigNode c1 = pc.roots().get(2);
        // Named as glob(3) returns it from the including file's directory, as keepalived names it.
        assertEquals("sub/c.conf", c1.pos().file());
        assertEquals(List.of(main + ":1", "conf.d/b.conf:2"), c1.pos().includeChain());
        assertEquals(List.of(main, dir.resolve("conf.d/a.conf"), dir.resolve("conf.d/b.conf"),
                dir.resolve("conf.d/sub/c.conf")), pc.files());
        assertTrue(Diagnostic.of(Severity.ERROR, c1.pos(), "x").format().contains("included from conf.d/b.conf:2"));
    }

    @Test
    void cshBracesKeepTheirOrder() throws IOException {
        Path main = write("main.conf", "include {z,a}.conf", "include {b,{c,d}}.conf");
        write("z.conf", "z");
        write("a.conf", "a");
        write("b.conf", "b");
        write("d.conf", "d");
        write("c.conf", "c");
        ParsedConfig pc = ConfigReader.read(main, LAX);
        assertEquals(lines("z", "a", "b", "c", "d"), TreeText.of(pc));
        assertEquals("", TreeText.diags(pc));
    }

    @Test
    void blocksMaySpanFiles() throws IOException {
        Path main = write("main.conf", "vrrp_instance VI_1 {", "include body.conf", "}");
        write("body.conf", "  state MASTER", "  virtual_ipaddress {", "192.0.2.1", "}");
        assertEquals(lines("vrrp_instance|VI_1 {", "  state|MASTER", "  virtual_ipaddress {", "    192.0.2.1", "  }", "}"),
                TreeText.of(ConfigReader.read(main, LAX)));
    }

    @Test
    void missingIncludeIsANoteUnlessStrict() throws IOException {
        Path main = write("main.conf", "include nothere.conf", "a");
        ParsedConfig lax = ConfigReader.read(main, LAX);
        assertEquals("INFO " + main + ":1:1 Config files missing 'nothere.conf'.\n", TreeText.diags(lax));
        assertEquals(lines("a"), TreeText.of(lax));
        ParsedConfig strict = ConfigReader.read(main, STRICT);
        assertEquals("CANNOT_RUN " + main + ":1:1 Config files missing 'nothere.conf'.\n", TreeText.diags(strict));
    }

    @Test
    void includetIsIncludeaAsKeepalivedsHelpSays() throws IOException {
        Path main = write("main.conf", "includet nothere.conf", "includet x.conf");
        write("x.conf", "x");
        ParsedConfig pc = ConfigReader.read(main, LAX);
        assertEquals("CANNOT_RUN " + main + ":1:1 Config files missing 'nothere.conf'.\n", TreeText.diags(pc));
        assertEquals(lines("x"), TreeText.of(pc));
    }

    @Test
    void variantsDecideWhatIsAnError() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        Path main = write("main.conf",
                "includea nothere.conf",
                "includer nothere.conf",
                "includem nothere.conf",
                "include empty/*.conf",
                "includew empty/*.conf",
                "includeb {x,nothere}.conf",
                "include {x,nothere}.conf");
        write("x.conf", "x");
        ParsedConfig pc = ConfigReader.read(main, LAX);
        String m = main.toString();
        assertEquals("CANNOT_RUN " + m + ":1:1 Config files missing 'nothere.conf'.\n"
                + "INFO " + m + ":2:1 Config files missing 'nothere.conf'.\n"
                + "CANNOT_RUN " + m + ":3:1 Config files missing 'nothere.conf'.\n"
                + "CANNOT_RUN " + m + ":5:1 No config files matched 'empty/*.conf'.\n"
                + "CANNOT_RUN " + m + ":6:1 Some config files missing: \"{x,nothere}.conf\".\n"
                + "INFO " + m + ":7:1 Some config files missing: \"{x,nothere}.conf\".\n", TreeText.diags(pc));
        assertEquals(lines("x"), TreeText.of(pc), "includeb includes nothing when an alternative is missing");
    }

    @Test
    void includeCheckKeywordChangesLaterIncludes() throws IOException {
        Path main = write("main.conf", "include nothere.conf", "global_defs {", "  include_check match", "}",
                "include nothere.conf", "include_check -match", "include nothere.conf");
        ParsedConfig pc = ConfigReader.read(main, LAX);
        String m = main.toString();
        assertEquals("INFO " + m + ":1:1 Config files missing 'nothere.conf'.\n"
                + "CANNOT_RUN " + m + ":5:1 Config files missing 'nothere.conf'.\n"
                + "INFO " + m + ":7:1 Config files missing 'nothere.conf'.\n", TreeText.diags(pc));
    }

    @Test
    void cyclesAreRefusedWithTheChain() throws IOException {
        Path main = write("main.conf", "include a.conf", "end");
        write("a.conf", "a", "include b.conf");
        write("b.conf", "b", "include a.conf", "include main.conf", "include b.conf");
        ParsedConfig pc = ConfigReader.read(main, LAX);
        assertEquals(lines("a", "b", "end"), TreeText.of(pc));
        List<Diagnostic> d = pc.diagnostics();
        assertEquals(3, d.size(), TreeText.diags(pc));
        assertEquals(Severity.CANNOT_RUN, d.get(0).severity());
        assertEquals("Include cycle: 'a.conf' is already being read - skipping", d.get(0).message());
        assertEquals("b.conf:2:1", d.get(0).pos().toString());
        assertEquals("include chain " + main + ":1 -> a.conf:2 -> b.conf:2 -> a.conf", d.get(0).hint().orElseThrow());
    }

    @Test
    void depthIsCapped() throws IOException {
        Path main = write("main.conf", "include f1.conf");
        for (int i = 1; i <= 40; i++) {
            write("f" + i + ".conf", "l" + i, "include f" + (i + 1) + ".conf");
        }
        ParsedConfig pc = ConfigReader.read(main, LAX);
        assertEquals(ConfigFiles.MAX_INCLUDE_DEPTH - 1, pc.roots().size());
        assertEquals(1, pc.diagnostics().size());
        assertEquals("Includes nested more than 32 deep - not including 'f32.conf'", pc.diagnostics().get(0).message());
        assertEquals(31, pc.diagnostics().get(0).pos().includeChain().size());
    }

    @Test
    void directoriesAndExecutablesAreSkipped() throws IOException {
        Files.createDirectories(dir.resolve("d/sub.conf"));
        Path x = write("d/x.conf", "x");
        Files.setPosixFilePermissions(x, PosixFilePermissions.fromString("rwxr-xr-x"));
        write("d/y.conf", "y");
        Path main = write("main.conf", "includer d/*.conf");
        ParsedConfig pc = ConfigReader.read(main, LAX);
        assertEquals(lines("y"), TreeText.of(pc));
        String m = main.toString();
        assertEquals("CANNOT_RUN " + m + ":1:1 Configuration file 'd/sub.conf/' is a directory - skipping\n"
                + "CANNOT_RUN " + m + ":1:1 Configuration file 'd/x.conf' is not a regular non-executable file - skipping\n",
                TreeText.diags(pc));
    }

    @Test
    void missingMainFile() {
        ParsedConfig pc = ConfigReader.read(dir.resolve("none.conf"), LAX);
        assertTrue(pc.roots().isEmpty());
        assertEquals(Severity.CANNOT_RUN, pc.diagnostics().getFirst().severity());
        assertTrue(pc.diagnostics().getFirst().message().contains("No such file or directory"));
    }

    @Test
    void includeFromTextIsRelativeToTheWorkingDirectory() {
        ParsedConfig pc = ConfigReader.read("include jkx-surely-missing-" + ProcessHandle.current().pid() + ".conf\n",
                "t.conf", STRICT);
        assertEquals(Severity.CANNOT_RUN, pc.diagnostics().getFirst().severity());
    }

    @Test
    void includeVariantLookalikesAreKeywords() {
        ParsedConfig pc = ConfigReader.read("includex a\ninclude_check\ninclude\n", "t.conf", LAX);
        assertEquals(lines("includex|a", "include_check", "include"), TreeText.of(pc));
    }
}
