package io.jkeepalived.check.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.linux.NetworkNamespace;
import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: {@code lvs_notify_fifo_script} and the checker's {@code notify_fifo_script} run as keepalived's
 * checker runs them: once the FIFO exists, with its path as the last argument, reading the checker's lines
 * ("RS ... DOWN", "VS ... DOWN"); stopping the checker ends the reader (its whole process group).
 */
@Tag("root")
@Timeout(90)
class CheckerFifoScriptTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void theLvsFifoReaderReadsTheCheckersLinesAndEndsWithTheChecker() throws Exception {
        Assumptions.assumeTrue(Sh.isRoot(), "needs root for a network namespace");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lvsFifo = dir.resolve("lvs.fifo");
        Path fifo = dir.resolve("all.fifo");
        Path lvsLog = dir.resolve("lvs-reader.log");
        Path allLog = dir.resolve("all-reader.log");
        Path pids = dir.resolve("pids");
        // a reader as operators write them: reads the FIFO named by its last argument, line by line
        Path lvsReader = script("lvs-reader.sh", "echo $$ >> " + pids + "\necho \"args $*\" >> " + lvsLog
                + "\nwhile read -r line; do echo \"$line\" >> " + lvsLog + "; done < \"$1\"");
        Path allReader = script("all-reader.sh", "echo $$ >> " + pids + "\necho \"args $*\" >> " + allLog
                + "\nwhile read -r line; do echo \"$line\" >> " + allLog + "; done < \"$1\"");
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "global_defs {\n    script_user root\n    lvs_notify_fifo " + lvsFifo
                + "\n    lvs_notify_fifo_script " + lvsReader + "\n    notify_fifo " + fifo + "\n    notify_fifo_script "
                + allReader + "\n}\n"
                + "virtual_server 127.0.0.1 1 {\n    delay_loop 1\n    protocol TCP\n    real_server 127.0.0.1 9 {\n"
                + "        TCP_CHECK {\n            connect_timeout 1\n            retry 0\n        }\n    }\n}\n");
        var lines = new CopyOnWriteArrayList<String>();
        var config = ConfigTest.load(conf, "", false, new DiagnosticSink());
        var checker = new CheckerSubsystem(config, true, java.util.Optional.empty(), (level, message) -> lines.add(message));
        try (var ns = NetNs.create("jkd", "fifo")) {
            ns.exec("ip", "link", "set", "lo", "up");
            Path nsFile = NetworkNamespace.named(ns.name());
            try {
                NetworkNamespace.call(nsFile, () -> {
                    checker.start();
                    return null;
                });
                // the checker's first line (quorum gained), then: nothing listens on 127.0.0.1:9: the real server goes DOWN, and with it the quorum
                Await.until(Duration.ofSeconds(30), "the lvs reader got the RS DOWN line",
                        () -> read(lvsLog).contains("RS [127.0.0.1]:tcp:9 [127.0.0.1]:tcp:1 DOWN"));
                Await.until(Duration.ofSeconds(10), "the notify_fifo reader got it too",
                        () -> read(allLog).contains("RS [127.0.0.1]:tcp:9 [127.0.0.1]:tcp:1 DOWN"));
                assertEquals("args " + lvsFifo, read(lvsLog).lines().findFirst().orElse(""), "the FIFO's path is the last argument");
                assertEquals("args " + fifo, read(allLog).lines().findFirst().orElse(""));
                assertTrue(read(lvsLog).contains("VS [127.0.0.1]:tcp:1 UP"), read(lvsLog));
                Await.until(Duration.ofSeconds(10), "quorum lost", () -> read(lvsLog).contains("VS [127.0.0.1]:tcp:1 DOWN"));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nlvs reader: " + read(lvsLog) + "\nreader: " + read(allLog)
                        + "\nchecker: " + String.join("\n", lines), e);
            } finally {
                checker.stop();
            }
            var readerPids = read(pids).lines().map(String::trim).toList();
            assertEquals(2, readerPids.size(), read(pids));
            Await.until(Duration.ofSeconds(10), "the readers ended with the checker",
                    () -> readerPids.stream().noneMatch(p -> Files.exists(Path.of("/proc", p))));
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
