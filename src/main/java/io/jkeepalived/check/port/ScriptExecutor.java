package io.jkeepalived.check.port;

import io.jkeepalived.common.ScriptOutcome;
import io.jkeepalived.config.model.ScriptSpec;
import java.time.Duration;
import java.util.function.Consumer;

/** Runs a MISC_CHECK script: the port through which checkers reach the daemon's one script runner. */
@FunctionalInterface
public interface ScriptExecutor {
    /**
     * Starts {@code script}; when it runs past {@code timeout} its whole process group gets SIGTERM, then
     * SIGKILL after {@code killGrace}. {@code done} gets the outcome once, on another thread.
     */
    void run(ScriptSpec script, Duration timeout, Duration killGrace, Consumer<ScriptOutcome> done);
}
