package io.jkeepalived.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived 2.2.7's own checker process ({@code keepalived -C}) inside a {@link ServerNet}'s namespace, for
 * its verdict on the same servers our checkers see. This kernel has no IPVS, so keepalived runs under
 * /work/shared/tools/ipvsshim.c (LD_PRELOAD: its IPVS socket options succeed and do nothing), as
 * bench/checkproto does; its health checks are real. Stopped (with its checker child) on {@link #close()}.
 */
public final class KeepalivedChecker implements AutoCloseable {
    private static final Path SHIM_SOURCE = Path.of("/work/shared/tools/ipvsshim.c");
    private final Daemon daemon;

    private KeepalivedChecker(Daemon daemon) {
        this.daemon = daemon;
    }

    /** Whether keepalived and the shim's source are here (a test skips without them). */
    public static boolean available() {
        return Sh.run(List.of("keepalived", "-v"), 10).exit() == 0 && Files.exists(SHIM_SOURCE)
                && Sh.run(List.of("gcc", "--version"), 10).exit() == 0;
    }

    /** Starts {@code keepalived -C -n -l -D -f config} in {@code net}'s namespace. */
    public static KeepalivedChecker start(ServerNet net, String name, Path config) {
        Path shim = net.dir().resolve("ipvsshim.so");
        if (!Files.exists(shim)) {
            Sh.ok("gcc", "-shared", "-fPIC", "-O2", "-o", shim.toString(), SHIM_SOURCE.toString(), "-ldl");
        }
        var d = net.spawn(name, List.of("env", "LD_PRELOAD=" + shim, "keepalived", "-C", "-n", "-l", "-D",
                "-f", config.toString(), "-p", net.dir().resolve(name + ".pid").toString(),
                "-c", net.dir().resolve(name + "-checkers.pid").toString()));
        return new KeepalivedChecker(d);
    }

    /**
     * keepalived's first verdict on each HTTP_GET real server {@code address:port}: true for "Remote Web server
     * [a]:tcp:p succeed on service.", false for "HTTP_CHECK on service [a]:tcp:p failed."; waits for all.
     */
    public Map<String, Boolean> httpVerdicts(List<String> servers, Duration timeout) {
        var verdicts = new LinkedHashMap<String, Boolean>();
        long end = System.nanoTime() + timeout.toNanos();
        while (verdicts.size() < servers.size()) {
            String log = daemon.log();
            for (String s : servers) {
                String rs = "[" + s.replace(":", "]:tcp:");
                int up = log.indexOf("Remote Web server " + rs + " succeed on service.");
                int down = log.indexOf("HTTP_CHECK on service " + rs + " failed.");
                if (up >= 0 || down >= 0) {
                    verdicts.putIfAbsent(s, down < 0 || (up >= 0 && up < down));
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("keepalived gave no verdict on some of " + servers + " within " + timeout
                        + "; so far " + verdicts + "; its log:\n" + log);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return verdicts;
    }

    public String log() {
        return daemon.log();
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
