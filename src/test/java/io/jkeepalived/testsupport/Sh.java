package io.jkeepalived.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command for a test and returns its exit code and output; never hangs past the timeout. */
public final class Sh {
    private Sh() {
    }

    public record Result(int exit, String out) {
        public Result check(List<String> cmd) {
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + exit + ": " + out);
            }
            return this;
        }
    }

    public static Result run(String... cmd) {
        return run(List.of(cmd), 30);
    }

    public static Result run(List<String> cmd, int timeoutSeconds) {
        try {
            var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // Drain output while waiting so a chatty command cannot block on a full pipe.
            var output = new java.io.ByteArrayOutputStream();
            var reader = Thread.ofVirtual().start(() -> {
                try (var in = p.getInputStream()) {
                    in.transferTo(output);
                } catch (IOException ignored) {
                    // the process went away; what was read is kept
                }
            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
            }
            reader.join(5000);
            return new Result(p.exitValue(), output.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and throws with the output when the command fails. */
    public static String ok(String... cmd) {
        return run(List.of(cmd), 30).check(List.of(cmd)).out();
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
