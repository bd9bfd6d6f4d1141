package io.jkeepalived.config.load;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.Severity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTestTest {
    @TempDir
    Path dir;

    private static Diagnostic d(Severity s) {
        return Diagnostic.of(s, SourcePos.NONE, "x");
    }

    @Test
    void exitCodesFollowKeepalivedHighestClassWins() {
        assertEquals(0, ConfigTest.exitCode(List.of()));
        assertEquals(0, ConfigTest.exitCode(List.of(d(Severity.INFO))));
        assertEquals(5, ConfigTest.exitCode(List.of(d(Severity.WARNING))));
        assertEquals(5, ConfigTest.exitCode(List.of(d(Severity.CANNOT_RUN), d(Severity.ERROR))), "5 beats 4, as in keepalived");
        assertEquals(4, ConfigTest.exitCode(List.of(d(Severity.CANNOT_RUN))));
        assertEquals(6, ConfigTest.exitCode(List.of(d(Severity.ERROR), d(Severity.SECURITY))));
        assertEquals(2, ConfigTest.exitCode(List.of(d(Severity.SECURITY), d(Severity.FATAL))), "a fatal parse error stops everything");
    }

    private String run(Path file, int expectedExit) {
        var out = new ByteArrayOutputStream();
        int code = ConfigTest.run(file, "test", false, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(expectedExit, code, out.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingFileCannotRun() {
        var out = run(dir.resolve("nope.conf"), 4);
        assertTrue(out.contains("Config files missing"), out);
    }

    @Test
    void missingParameterIsAFatalParseError() throws Exception {
        var f = dir.resolve("k.conf");
        Files.writeString(f, "global_defs {\n  vrrp_garp_master_delay\n}\n");
        var out = run(f, 2);
        assertTrue(out.contains(":2:"), out);
    }

    @Test
    void unknownKeywordReportsFileLineColumnAndHint() throws Exception {
        var f = dir.resolve("k.conf");
        Files.writeString(f, "global_defs {\n  router_idd x\n}\n");
        var out = run(f, 5);
        assertTrue(out.contains("k.conf:2:3: error: Unknown keyword 'router_idd' (did you mean 'router_id'?)"), out);
    }

    @Test
    void cleanConfigIsSilent() throws Exception {
        var f = dir.resolve("k.conf");
        Files.writeString(f, "global_defs {\n  router_id x\n}\n");
        assertEquals("", run(f, 0));
    }
}
