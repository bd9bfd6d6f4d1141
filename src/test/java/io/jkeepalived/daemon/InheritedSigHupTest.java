package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.Sh;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 8: started under {@code nohup} (SIGHUP inherited as ignored), the daemon says so, takes SIGHUP
 * back and reloads on it.
 */
class InheritedSigHupTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aDaemonStartedUnderNohupStillReloadsOnSighup() throws Exception {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "global_defs {\n    router_id nohup_test\n}\n");
        Path log = dir.resolve("out.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var cmd = new ArrayList<>(List.of("nohup", javaBin, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", cp, "io.jkeepalived.Main", "-n", "-l", "-f", conf.toString(),
                "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString(),
                "-c", dir.resolve("c.pid").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            Await.until(Duration.ofSeconds(30), "started", () -> read(log).contains("Startup complete"));
            assertTrue(read(log).contains("SIGHUP ignored by the process that started us"), read(log));
            Sh.run("kill", "-HUP", Long.toString(p.pid()));
            Await.until(Duration.ofSeconds(20), "reloaded", () -> read(log).contains("Reload finished"));
            assertTrue(p.isAlive(), read(log));
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
