package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.testsupport.NetNs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One VRRP daemon process in a namespace - the real jkeepalived ({@code io.jkeepalived.Main -P -n -l -G}
 * on JDK 25 with the test's class path) or Debian's keepalived ({@code keepalived -P -n -l -G}) - with its
 * log in a file. Stopped by its pid: SIGTERM ({@link #term}) or SIGKILL ({@link #kill9}).
 */
final class VrrpNode implements AutoCloseable {
    final String name;
    final boolean jkeepalived;
    private final NetNs ns;
    private final Path dir;
    private final Path conf;
    private final Path log;
    private Process process;
    private List<String> prefix = List.of();

    private VrrpNode(String name, boolean jkeepalived, NetNs ns, Path dir, String config) throws IOException {
        this.name = name;
        this.jkeepalived = jkeepalived;
        this.ns = ns;
        this.dir = dir;
        this.conf = dir.resolve(name + ".conf");
        this.log = dir.resolve(name + ".log");
        Files.writeString(conf, config);
    }

    static VrrpNode jkeepalived(String name, NetNs ns, Path dir, String config) throws IOException {
        return new VrrpNode(name, true, ns, dir, config);
    }

    static VrrpNode keepalived(String name, NetNs ns, Path dir, String config) throws IOException {
        return new VrrpNode(name, false, ns, dir, config);
    }

    /** The JDK running the tests is JDK 25; its class path holds target/classes and the runtime deps. */
    static List<String> javaCommand() {
        return io.jkeepalived.testsupport.JkeepalivedJvm.command();
    }

    VrrpNode start(String... extraArgs) throws IOException {
        var args = new ArrayList<>(List.of("-p", dir.resolve(name + ".pid").toString(),
                "-r", dir.resolve(name + "-vrrp.pid").toString()));
        args.addAll(List.of(extraArgs));
        return launch(true, args);
    }

    /**
     * Starts the daemon in the test's own (host) namespace with keepalived's default pid files: for configurations
     * whose {@code net_namespace} (or {@code -s}) moves the daemon itself. {@code ns} is not used.
     */
    VrrpNode startOutside(String... extraArgs) throws IOException {
        return launch(false, List.of(extraArgs));
    }

    private VrrpNode launch(boolean inNamespace, List<String> extraArgs) throws IOException {
        var cmd = new ArrayList<String>();
        if (jkeepalived) {
            cmd.addAll(javaCommand());
        } else {
            cmd.add("keepalived");
        }
        cmd.addAll(List.of("-P", "-n", "-l", "-G", "-D", "-f", conf.toString()));
        cmd.addAll(extraArgs);
        Files.writeString(log, "==== start " + String.join(" ", cmd) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        var full = new ArrayList<>(prefix);
        full.addAll(inNamespace ? ns.inside(cmd.toArray(String[]::new)) : cmd);
        process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return this;
    }

    /** Runs the daemon under {@code command} (e.g. unshare --time --boottime N): prepended to the whole command. */
    VrrpNode under(String... command) {
        prefix = List.of(command);
        return this;
    }

    /** Replaces the configuration file (for a reload). */
    void rewrite(String config) throws IOException {
        Files.writeString(conf, config);
    }

    /** {@code ip netns exec} execs the daemon, so this pid is the daemon's. */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM and wait (bounded) for the graceful stop; returns the exit code. */
    int term() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not stop within 15 s of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /**
     * SIGKILL. keepalived runs VRRP in a child that stops gracefully when its parent dies, so for keepalived
     * the VRRP child (its pid is in the -r file) is killed first, as a crash of the VRRP process would.
     */
    void kill9() throws InterruptedException {
        if (!jkeepalived) {
            try {
                long child = Long.parseLong(Files.readString(dir.resolve(name + "-vrrp.pid")).trim());
                ProcessHandle.of(child).filter(h -> h.parent().map(p -> p.pid() == process.pid()).orElse(false))
                        .ifPresent(ProcessHandle::destroyForcibly);
            } catch (IOException | NumberFormatException e) {
                throw new AssertionError("cannot read keepalived's VRRP child pid: " + e.getMessage());
            }
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The log since the last start. */
    String currentLog() {
        String all = log();
        int i = all.lastIndexOf("==== start ");
        return i < 0 ? all : all.substring(i);
    }

    /** The state of the last "(VI_1) Entering X STATE" line of this run, or "". */
    String state(String instance) {
        String last = "";
        String marker = "(" + instance + ") Entering ";
        for (String line : currentLog().split("\n")) {
            int i = line.indexOf(marker);
            if (i >= 0) {
                last = line.substring(i + marker.length()).split(" ")[0];
            }
        }
        return last;
    }

    long countLines(String text) {
        return currentLog().lines().filter(l -> l.contains(text)).count();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }

    static long await(String what, long timeoutMillis, BooleanSupplier condition, VrrpNode... nodes) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                var sb = new StringBuilder("timed out after " + timeoutMillis + " ms waiting for: " + what);
                for (VrrpNode n : nodes) {
                    sb.append("\n---- ").append(n.name).append(" log:\n").append(n.currentLog());
                }
                throw new AssertionError(sb.toString());
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000L;
    }
}
