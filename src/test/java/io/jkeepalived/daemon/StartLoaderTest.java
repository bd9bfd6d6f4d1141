package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon reads its configuration once at start: the first load builds from that read, a reload reads again. */
class StartLoaderTest {
    private static String instance(String name) {
        return "vrrp_instance " + name + " {\n interface lo\n virtual_router_id 1\n priority 100\n"
                + " virtual_ipaddress {\n  192.0.2.1/32\n }\n}\n";
    }

    @Test
    void firstLoadUsesTheStartReadAndReloadsReadTheFileAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, instance("AT_START"));
        var readAtStart = ConfigTest.read(file, null, false);
        Files.writeString(file, instance("ON_RELOAD"));
        var loader = new StartLoader(file, readAtStart);

        var first = loader.load(file, null, false, new DiagnosticSink()).orElseThrow();
        var second = loader.load(file, null, false, new DiagnosticSink()).orElseThrow();

        assertEquals("AT_START", first.vrrpInstances().get(0).name());
        assertEquals("ON_RELOAD", second.vrrpInstances().get(0).name());
    }

    @Test
    void withNothingReadAtStartTheFirstLoadReadsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, instance("FROM_DISK"));
        var loader = new StartLoader(file, java.util.Optional.empty());

        assertEquals("FROM_DISK", loader.load(file, null, false, new DiagnosticSink()).orElseThrow().vrrpInstances().get(0).name());
    }
}
