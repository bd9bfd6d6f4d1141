package io.jkeepalived.linux;

import io.jkeepalived.testsupport.NetNs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The installed keepalived (VRRP only, foreground, console log) running in a test namespace; killed by pid. */
final class RealKeepalived implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Path vrrpPid;

    private RealKeepalived(Process process, Path log, Path vrrpPid) {
        this.process = process;
        this.log = log;
        this.vrrpPid = vrrpPid;
    }

    static RealKeepalived start(NetNs ns, Path dir, String config) throws IOException {
        var conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        var log = dir.resolve("keepalived.out");
        var pid = dir.resolve("keepalived.pid");
        var vrrpPid = dir.resolve("vrrp.pid");
        var cmd = ns.inside("keepalived", "-P", "-n", "-l", "-G", "-D", "-f", conf.toString(), "-p", pid.toString(),
                "-r", vrrpPid.toString());
        // `ip netns exec` execs keepalived, so the Process pid is keepalived's parent process.
        var p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new RealKeepalived(p, log, vrrpPid);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls the log until it contains {@code text}; false at the deadline. */
    boolean awaitLog(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return log().contains(text);
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        long childPid = readPid(vrrpPid);
        process.destroy(); // SIGTERM: keepalived stops its VRRP child and removes its VIPs
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (childPid > 0) {
            ProcessHandle.of(childPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
