package io.jkeepalived.check.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 5: the health-checker subsystem says it is running only while its loop is (it used to say so
 * whenever it had been started); an Error on the loop is logged and the restart the daemon then does works.
 */
@Timeout(60)
class CheckerSupervisionTest {
    @TempDir
    Path dir;

    @Test
    void anErrorOnTheCheckerLoopIsLoggedSeenAndRestarted() throws Exception {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "virtual_server 127.0.0.1 1 {\n    protocol TCP\n    real_server 127.0.0.1 1 {\n"
                + "        TCP_CHECK {\n            connect_timeout 1\n        }\n    }\n}\n");
        var lines = new CopyOnWriteArrayList<String>();
        var config = ConfigTest.load(conf, "", false, new DiagnosticSink());
        var checker = new CheckerSubsystem(config, true, java.util.Optional.empty(), (level, message) -> lines.add(message));
        checker.start();
        try {
            assertTrue(checker.running());
            checker.current().execute(() -> {
                throw new StackOverflowError("injected in the checker loop");
            });
            Await.until(Duration.ofSeconds(10), "the checker reports itself dead", () -> !checker.running());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Healthchecker thread checker died: ")
                    && l.contains("injected in the checker loop")), lines.toString());
            checker.stop();                       // what the daemon's supervision does
            checker.start();
            assertTrue(checker.running());
        } finally {
            checker.stop();
        }
        assertFalse(checker.running());
    }
}
