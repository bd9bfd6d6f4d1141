package io.jkeepalived.adapters.lvs;

import io.jkeepalived.testsupport.GuestJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * keepalived or jkeepalived running in a network namespace of the guest (each namespace has its own IPVS
 * table), stopped by SIGTERM to its own pid and, if it hangs, SIGKILL.
 */
final class GuestDaemon implements AutoCloseable {
    enum Kind { KEEPALIVED, JKEEPALIVED }

    private final Process process;
    final Path log;

    private GuestDaemon(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static GuestDaemon start(Kind kind, GuestJvm jvm, String netns, Path config, Path log, String... extra) throws IOException {
        String tag = netns;
        var cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        if (kind == Kind.KEEPALIVED) {
            cmd.addAll(List.of("keepalived", "-n", "-l", "-D"));
        } else {
            cmd.addAll(jvm.jkeepalived("-n", "-l", "-D"));
        }
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-f", config.toString(), "-p", "/run/" + tag + ".pid", "-c", "/run/" + tag + "-c.pid",
                "-r", "/run/" + tag + "-r.pid"));
        var p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new GuestDaemon(p, log);
    }

    /** Sends a signal (HUP: reload) to the daemon's own pid. */
    void signal(String name) {
        io.jkeepalived.testsupport.Sh.ok("kill", "-" + name, Long.toString(process.pid()));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM (keepalived then removes what it added), SIGKILL after 30 s. */
    void stop() throws InterruptedException {
        // ip netns exec execs the daemon, so the pid is the daemon's
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
