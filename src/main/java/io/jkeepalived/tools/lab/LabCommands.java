package io.jkeepalived.tools.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the ip commands the lab needs, bounded in time, returning their output. */
final class LabCommands {
    private LabCommands() {
    }

    record Result(int exit, String out) {
    }

    static Result run(List<String> cmd, int timeoutSeconds) {
        try {
            var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            var out = new java.io.ByteArrayOutputStream();
            var reader = Thread.ofVirtual().start(() -> {
                try (var in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // process ended
                }
            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", cmd));
            }
            reader.join(2000);
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    static void must(String... cmd) {
        Result r = run(List.of(cmd), 20);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.out().strip());
        }
    }
}
