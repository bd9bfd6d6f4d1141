package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.check.runtime.CheckScripts;
import io.jkeepalived.common.Log;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.notify.ScriptJobs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class MiscCheckerTest {
    static final CheckScripts SCRIPTS = new CheckScripts(new ScriptJobs(ScriptJobs.Settings.KEEPALIVED_DEFAULTS, Log.NONE), Log.NONE);

    static CheckResult run(boolean dynamic, Duration timeout, String script) {
        var c = new MiscChecker(ScriptSpec.of(List.of("/bin/sh", "-c", script)), dynamic, SCRIPTS, "rs VS vs");
        var f = new CompletableFuture<CheckResult>();
        c.start(timeout, f::complete);
        return f.orTimeout(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS).join();
    }

    @Test
    void exitCodesAsKeepalivedReadsThem() {
        assertTrue(run(false, Duration.ofSeconds(5), "exit 0").ok());
        assertEquals("exited with status 1", run(false, Duration.ofSeconds(5), "exit 1").detail());
        assertFalse(run(false, Duration.ofSeconds(5), "exit 7").ok(), "2..255 fail without misc_dynamic");
        var dyn = run(true, Duration.ofSeconds(5), "exit 7");
        assertTrue(dyn.ok());
        assertEquals(OptionalInt.of(5), dyn.dynamicWeight(), "misc_dynamic: weight = code - 2");
        assertFalse(run(true, Duration.ofSeconds(5), "exit 1").ok(), "1 fails even with misc_dynamic");
    }

    @Test
    void aHangingScriptTimesOutOnTime() {
        long start = System.nanoTime();
        var r = run(false, Duration.ofMillis(500), "sleep 30");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("timed out", r.detail());
        assertTrue(tookMs < 2500, "reported within misc_timeout plus slack: " + tookMs + " ms");
    }

    @Test
    void floodingOutputIsDiscarded() {
        assertEquals("timed out", run(false, Duration.ofMillis(700), "yes flood").detail());
        assertTrue(run(false, Duration.ofSeconds(10), "head -c 50000000 /dev/zero; exit 0").ok());
    }

    @Test
    void aMissingProgramFailsClearly() {
        var c = new MiscChecker(ScriptSpec.of(List.of("/nonexistent/check")), false, SCRIPTS, "x");
        var f = new CompletableFuture<CheckResult>();
        c.start(Duration.ofSeconds(2), f::complete);
        assertFalse(f.orTimeout(5, TimeUnit.SECONDS).join().ok());
    }
}
