package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
