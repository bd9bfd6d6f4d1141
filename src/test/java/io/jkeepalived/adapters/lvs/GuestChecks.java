package io.jkeepalived.adapters.lvs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs named checks inside the qemu guest and records each as one line of {@code $GUEST_OUT/results.txt}:
 * {@code PASS name seconds} or {@code FAIL name seconds: first line of the failure}, with the full failure in
 * {@code name.fail}. The host test turns each line into one JUnit result.
 */
final class GuestChecks {
    interface Check {
        void run() throws Exception;
    }

    private final Map<String, Check> checks = new LinkedHashMap<>();

    GuestChecks add(String name, Check check) {
        checks.put(name, check);
        return this;
    }

    /** Keeps only the checks whose name matches {@code regex} (-Dipvs.guest.only=... on the host). */
    void only(String regex) {
        checks.keySet().removeIf(name -> !name.matches(regex));
    }

    void runAll() throws IOException {
        Path out = Path.of(System.getenv().getOrDefault("GUEST_OUT", "/tmp"));
        Path results = out.resolve("results.txt");
        Files.writeString(results, "");
        for (var e : checks.entrySet()) {
            long start = System.nanoTime();
            String line;
            try {
                e.getValue().run();
                line = "PASS " + e.getKey() + " " + seconds(start);
            } catch (Throwable t) {
                var sw = new StringWriter();
                t.printStackTrace(new PrintWriter(sw));
                Files.writeString(out.resolve(e.getKey() + ".fail"), sw.toString());
                String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
                line = "FAIL " + e.getKey() + " " + seconds(start) + ": " + t.getClass().getSimpleName() + ": " + first;
            }
            System.out.println(line);
            Files.writeString(results, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    private static String seconds(long start) {
        return String.format("%.1f", (System.nanoTime() - start) / 1e9);
    }
}
