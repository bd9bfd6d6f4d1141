package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.check.port.ScriptExecutor;
import io.jkeepalived.common.ScriptOutcome;
import io.jkeepalived.config.model.ScriptSpec;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * MISC_CHECK: runs misc_path (its words exec'd directly, as keepalived does, as its {@code user}) through the
 * daemon's script runner, in a process group of its own; exit 0 passes, 1 fails, 2..255 passes with weight
 * code-2 when misc_dynamic. On misc_timeout the whole group gets SIGTERM, then SIGKILL 2 s later, and the check
 * fails as "timed out". The script's output goes to /dev/null, so a script that floods its output costs no memory.
 */
public final class MiscChecker implements Checker {
    static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final ScriptSpec script;
    private final boolean dynamic;
    private final ScriptExecutor executor;
    private final String description;

    public MiscChecker(ScriptSpec script, boolean dynamic, ScriptExecutor executor, String description) {
        if (script.commandLine().isBlank() && script.argv().isEmpty()) {
            throw new IllegalArgumentException("MISC_CHECK misc_path is empty");
        }
        this.script = script;
        this.dynamic = dynamic;
        this.executor = executor;
        this.description = description;
    }

    @Override
    public String describe() {
        return "Misc check for [" + description + "] by [" + (script.argv().isEmpty() ? script.commandLine()
                : script.argv().getFirst()) + "]";
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        executor.run(script, timeout, KILL_GRACE, outcome -> done.accept(result(outcome, dynamic)));
    }

    static CheckResult result(ScriptOutcome outcome, boolean dynamic) {
        return switch (outcome) {
            case ScriptOutcome.TimedOut t -> CheckResult.failure("timed out");
            case ScriptOutcome.NotRun n -> CheckResult.failure("exited with status 127");
            default -> interpret(outcome.shellStatus(), dynamic);
        };
    }

    /** keepalived's reading of an exit status (death by signal N reads as 128+N). */
    static CheckResult interpret(int status, boolean dynamic) {
        if (status == 0) {
            return CheckResult.success();
        }
        if (dynamic && status >= 2 && status <= 255) {
            return new CheckResult(true, "exited with status " + status, java.util.OptionalInt.of(status - 2));
        }
        if (status > 128 && status < 128 + 65) {
            return CheckResult.failure("due to signal " + (status - 128));
        }
        return CheckResult.failure("exited with status " + status);
    }
}
