package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * MISC_CHECK: runs misc_path (its words exec'd directly, as keepalived does) in a process group of its own;
 * exit 0 passes, 1 fails, 2..255 passes with weight code-2 when misc_dynamic. On misc_timeout the whole group
 * gets SIGTERM, then SIGKILL 2 s later, and the check fails as "timed out". The script's output goes to
 * /dev/null, so a script that floods its output costs no memory.
 */
public final class MiscChecker implements Checker {
    static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final List<String> argv;
    private final boolean dynamic;
    private final Optional<String> user;
    private final Optional<String> group;
    private final String description;

    public MiscChecker(List<String> argv, boolean dynamic, Optional<String> user, Optional<String> group, String description) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("MISC_CHECK misc_path is empty");
        }
        this.argv = List.copyOf(argv);
        this.dynamic = dynamic;
        this.user = user;
        this.group = group;
        this.description = description;
    }

    @Override
    public String describe() {
        return "Misc check for [" + description + "] by [" + argv.getFirst() + "]";
    }

    /** The command line: setsid for a process group we can kill whole, setpriv for {@code user}. */
    List<String> commandLine() {
        var cmd = new ArrayList<String>();
        cmd.add("setsid");
        cmd.add("-w");
        if (user.isPresent()) {
            cmd.addAll(List.of("setpriv", "--reuid=" + user.get(), "--regid=" + group.orElse(user.get()), "--init-groups"));
        }
        cmd.addAll(argv);
        return cmd;
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        Process process;
        try {
            process = new ProcessBuilder(commandLine())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            done.accept(CheckResult.failure("exited with status 127"));
            return;
        }
        // one virtual thread waits for the script; scripts are few and slow, unlike TCP checks
        Thread.ofVirtual().name("misc-check").start(() -> done.accept(await(process, timeout)));
    }

    private CheckResult await(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                killGroup(process.pid(), "TERM");
                Thread.ofVirtual().start(() -> {
                    try {
                        if (!process.waitFor(KILL_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                            killGroup(process.pid(), "KILL");
                        }
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                });
                return CheckResult.failure("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killGroup(process.pid(), "KILL");
            return CheckResult.failure("timed out");
        }
        return interpret(process.exitValue(), dynamic);
    }

    /** keepalived's reading of an exit status (Java reports death by signal N as 128+N). */
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

    /** Signals the script's whole process group, children included (kill -SIG -- -PGID). */
    static void killGroup(long pgid, String signal) {
        try {
            new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pgid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
