package io.jkeepalived.check.runtime;

import io.jkeepalived.notify.NotifyFifo;
import io.jkeepalived.notify.ScriptJobs;
import io.jkeepalived.check.engine.Action;
import io.jkeepalived.common.Log;
import io.jkeepalived.testsupport.Sh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.FileReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

class ActionRunnerTest {
    @TempDir
    Path dir;

    @Test
    void fifoLinesReachTheReaderAndAnUnreadFifoNeverBlocks() throws Exception {
        var fifo = dir.resolve("lvs.fifo");
        Sh.ok("mkfifo", fifo.toString());
        var warnings = new CopyOnWriteArrayList<String>();
        Log log = (level, message) -> warnings.add(message);
        try (var scripts = new CheckScripts(new ScriptJobs(ScriptJobs.Settings.KEEPALIVED_DEFAULTS, log), log);
             var runner = new ActionRunner(new io.jkeepalived.lvs.DesiredPool(io.jkeepalived.lvs.PoolPlan.EMPTY, m -> { }), log,
                     scripts, (s, b) -> { }, List.of(NotifyFifo.open(fifo, NotifyFifo.DEFAULT_UMASK, log).orElseThrow()))) {
            long start = System.nanoTime();
            for (int i = 0; i < 100_000; i++) {   // far more than a pipe holds, nobody reading yet
                runner.accept(new Action.FifoLine("RS [192.0.2.11]:tcp:80 [192.0.2.100]:tcp:80 DOWN"));
            }
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "the loop is never blocked by the FIFO");
            assertTrue(warnings.contains("Notify FIFO is not being read: dropping lines"));
            try (var reader = new BufferedReader(new FileReader(fifo.toFile()))) {
                assertEquals("RS [192.0.2.11]:tcp:80 [192.0.2.100]:tcp:80 DOWN", reader.readLine());
            }
        }
    }
}
