package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SIGUSR1/SIGUSR2 file names keepalived 2.2.7 uses (open_dump_file, make_tmp_filename). */
class DumpFilesTest {
    @TempDir
    Path dir;

    DumpFiles of(String text, Map<String, String> env) throws Exception {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, text);
        return DumpFiles.of(ConfigTest.load(conf, "", false, new DiagnosticSink()), env);
    }

    @Test
    void keepalivedsNames() throws Exception {
        var plain = of("global_defs {\n router_id a\n}\n", Map.of());
        assertEquals(Path.of("/tmp/keepalived.data"), plain.data());
        assertEquals(Path.of("/tmp/keepalived.stats"), plain.stats());
        assertEquals(Path.of("/var/tmp/keepalived.data"), of("global_defs {\n router_id a\n}\n",
                Map.of("TMPDIR", "/var/tmp")).data());
        assertEquals(Path.of("/tmp/keepalived.data"), of("global_defs {\n router_id a\n}\n", Map.of("TMPDIR", "rel")).data(),
                "a relative TMPDIR is ignored");
        assertEquals(Path.of("/tmp/keepalived.data"), of("instance lb1\n", Map.of()).data(), "only with data_use_instance");
        assertEquals(Path.of("/tmp/keepalived.lb1.data"), of("instance lb1\nglobal_defs {\n data_use_instance\n}\n",
                Map.of()).data());
        // keepalived also puts net_namespace in the name; jkeepalived does not enter namespaces (the keyword is
        // unsupported and a missing namespace is a fatal -t error), so its dump names never carry one
        assertEquals(Path.of("/tmp/keepalived.stats"), of("instance lb1\nglobal_defs {\n data_use_instance\n}\n",
                Map.of()).stats(), "the stats file keeps its name");
    }

    @Test
    void theJsonDumpAndJsonDumpFile() throws Exception {
        String g = "global_defs {\n router_id a\n";
        assertEquals(Path.of("/var/tmp/keepalived.json"), of(g + "}\n", Map.of("TMPDIR", "/var/tmp")).json());
        assertEquals(Path.of("/tmp/keepalived.json"), of("instance lb1\n" + g + " data_use_instance\n}\n", Map.of()).json(),
                "make_tmp_filename: no instance in the name");
        assertEquals(Path.of("/run/ka/state.json"), of(g + " json_dump_file /run/ka/state.json\n}\n", Map.of()).json());
        assertEquals(Path.of("/run/ka/keepalived.json"), of(g + " json_dump_file /run/ka/\n}\n", Map.of()).json());
    }

    @Test
    void stateAndStatsDumpFiles() throws Exception {
        String g = "global_defs {\n router_id a\n";
        var file = of(g + " state_dump_file /var/lib/ka/state.txt\n stats_dump_file /var/lib/ka/stats.out\n}\n", Map.of());
        assertEquals(Path.of("/var/lib/ka/state.txt"), file.data());
        assertEquals(Path.of("/var/lib/ka/stats.out"), file.stats());
        var dir = of(g + " state_dump_file /var/lib/ka/\n stats_dump_file /srv/\n}\n", Map.of());
        assertEquals(Path.of("/var/lib/ka/keepalived.data"), dir.data(), "a trailing '/' names the directory");
        assertEquals(Path.of("/srv/keepalived.stats"), dir.stats());
        assertEquals(Path.of("/var/tmp/mine.data"), of(g + " state_dump_file sub/mine.data\n}\n",
                Map.of("TMPDIR", "/var/tmp")).data(), "a relative path keeps its last part, in the temporary directory");
        assertEquals(Path.of("/top"), of(g + " state_dump_file /top\n}\n", Map.of()).data());
        assertEquals(Path.of("/d/state.lb1.txt"), of("instance lb1\n" + g + " data_use_instance\n"
                + " state_dump_file /d/state.txt\n}\n", Map.of()).data(), "the instance goes before the extension");
        assertEquals(Path.of("/d/state.lb1"), of("instance lb1\n" + g + " data_use_instance\n"
                + " state_dump_file /d/state\n}\n", Map.of()).data(), "or at the end");
    }

    @Test
    void aDumpFileNeedsOneNonEmptyPath() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "global_defs {\n state_dump_file\n stats_dump_file /a /b\n}\n");
        var sink = new DiagnosticSink();
        var config = ConfigTest.load(conf, "", false, sink);
        var messages = sink.findings().stream().map(d -> d.format()).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("state_dump_file requires a non-empty path")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("stats_dump_file requires a non-empty path")), messages.toString());
        assertEquals(Path.of("/tmp/keepalived.stats"), DumpFiles.of(config, Map.of()).stats(), "the default stays");
    }
}
