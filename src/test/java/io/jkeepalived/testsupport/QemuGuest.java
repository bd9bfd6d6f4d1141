package io.jkeepalived.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Boots Debian's kernel in qemu (bin/qemu-guest: TCG, the host's root over 9p, read-only, under a tmpfs overlay)
 * and runs one command in it as root. Used for what the host kernel cannot do (IPVS). One boot per test class:
 * TCG is slow, so a guest runs a whole list of checks and writes their results into {@link Run#out()}.
 */
public final class QemuGuest {
    private QemuGuest() {
    }

    /**
     * @param exit        the command's exit status (124: timed out, 125: the guest never ran it)
     * @param out         the job directory shared with the guest (results, output.log, console.log)
     * @param bootSeconds guest uptime when the command started
     * @param wall        boot + command + power-off, as seen from the host
     */
    public record Run(int exit, Path out, String output, double bootSeconds, Duration wall) {
        public String file(String name) {
            try {
                return Files.readString(out.resolve(name));
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** The repository's root (where bin/ is), from the working directory Maven runs tests in. */
    public static Path repository() {
        return Path.of("").toAbsolutePath();
    }

    /** Why a guest cannot run here, or null when it can (root, qemu and the kernel's tools installed). */
    public static String unavailable() {
        if (!Sh.isRoot()) {
            return "not root";
        }
        for (String tool : List.of("qemu-system-x86_64", "busybox", "depmod", "cpio", "apt-get", "dpkg-deb")) {
            if (Sh.run(List.of("sh", "-c", "command -v " + tool), 10).exit() != 0) {
                return tool + " is not installed (bin/test installs it as root)";
            }
        }
        return null;
    }

    /** Runs {@code command} in a fresh guest; qemu is killed by pid if it outlives {@code timeout}. */
    public static Run run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory("jk-guest-");
        var cmd = new ArrayList<String>(List.of(repository().resolve("bin/qemu-guest").toString(),
                "--timeout", Long.toString(timeout.toSeconds()), "--out", out.toString(), "--"));
        cmd.addAll(command);
        long start = System.nanoTime();
        var p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolve("host.log").toFile()).start();
        // bin/qemu-guest enforces the timeout itself; this margin only catches the script hanging.
        if (!p.waitFor(timeout.toSeconds() + 120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        var wall = Duration.ofNanos(System.nanoTime() - start);
        int exit = p.isAlive() ? 124 : p.exitValue();
        String booted = read(out.resolve("booted")).strip();
        return new Run(exit, out, read(out.resolve("output.log")), booted.isEmpty() ? -1 : Double.parseDouble(booted), wall);
    }

    /**
     * A java command line for the guest: the host's JDK, this test JVM's class path (target/classes,
     * target/test-classes and the dependency jars are all on the host's root, visible in the guest).
     */
    public static List<String> java(String mainClass, String... args) {
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
