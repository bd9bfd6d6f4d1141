package io.jkeepalived.daemon;

import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.JkeepalivedJvm;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * keepalived 2.2.7 or jkeepalived as a process in a test's namespace, for the tests that send it signals: jkeepalived
 * is started as its launchers start it (signals 36 and 63 blocked), each daemon with its own {@code TMPDIR} (where
 * the dumps go) and log file under the test's directory.
 */
final class SignalledDaemon implements AutoCloseable {
    private final Process process;
    private final Path tmp;
    private final Path log;

    private SignalledDaemon(Process process, Path tmp, Path log) {
        this.process = process;
        this.tmp = tmp;
        this.log = log;
    }

    /** A namespace with a veth pair d0/d1 up and 192.0.2.1/24 on d0. */
    static NetNs lan(String prefix) {
        var ns = NetNs.create(prefix, "a");
        ns.exec("ip", "link", "add", "d0", "type", "veth", "peer", "name", "d1");
        ns.exec("ip", "link", "set", "d0", "up");
        ns.exec("ip", "link", "set", "d1", "up");
        ns.addr("d0", "192.0.2.1/24");
        return ns;
    }

    /**
     * Starts {@code conf} in {@code ns} as {@code tag} (files {@code dir/tag.*}) with {@code -n -l -D} and {@code
     * options}, and waits until the log has every line of {@code awaited}.
     */
    static SignalledDaemon start(NetNs ns, Path dir, boolean jkeepalived, String conf, String tag, List<String> options,
            List<String> awaited) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp-" + tag));
        Path confFile = dir.resolve(tag + ".conf");
        Files.writeString(confFile, conf);
        Path log = dir.resolve(tag + ".log");
        var cmd = new ArrayList<String>();
        if (jkeepalived) {
            cmd.addAll(List.of("env", "--block-signal=36,63"));     // as bin/jkeepalived and the package's launcher
            cmd.addAll(JkeepalivedJvm.command());
        } else {
            cmd.add("keepalived");
        }
        cmd.addAll(List.of("-n", "-l", "-D"));
        cmd.addAll(options);
        cmd.addAll(List.of("-f", confFile.toString(), "-p", dir.resolve(tag + ".pid").toString(),
                "-r", dir.resolve(tag + "-vrrp.pid").toString(), "-c", dir.resolve(tag + "-checkers.pid").toString()));
        var pb = new ProcessBuilder(ns.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("TMPDIR", tmp.toString());
        var daemon = new SignalledDaemon(pb.start(), tmp, log);
        Await.until(Duration.ofSeconds(60), tag + ": " + awaited, () -> awaited.stream().allMatch(daemon.log()::contains));
        return daemon;
    }

    /** Its TMPDIR: keepalived.stats, keepalived.json ... */
    Path tmp() {
        return tmp;
    }

    String log() {
        return read(log);
    }

    /** Sends {@code signal} ("-63", "-USR2"); ip netns exec execs the daemon, so its pid is the process's. */
    void signal(String signal) {
        Sh.ok("kill", signal, Long.toString(process.pid()));
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
