package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * keepalived's STATS_CLEAR signal (SIGRTMAX-1, 63): the stats file is written as on SIGUSR2, then the counters start
 * again from zero. keepalived 2.2.7 and jkeepalived (started as its launcher starts it, with 36 and 63 blocked) run
 * the same lone MASTER in turn; each gets 63 after a few adverts, then SIGUSR2 a moment later, and both must show
 * the same: the first file counts the adverts and the transition to MASTER, the second only what came since.
 */
@Tag("root")
class StatsClearRootTest {
    private static final Pattern SENT = Pattern.compile("Advertisements:\\n\\s+Received: \\d+\\n\\s+Sent: (\\d+)");
    /** The instance block's last lines: the file is written whole. */
    private static final Pattern WHOLE = Pattern.compile("Priority Zero:\\n\\s+Received: \\d+\\n\\s+Sent: \\d+\\n");
    private static final Pattern BECAME = Pattern.compile("Became master: (\\d+)");
    private NetNs ns;
    private Path dir;
    private Process process;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run(List.of("keepalived", "--version"), 10).exit() == 0, "needs keepalived 2.2.7");
        dir = Files.createTempDirectory("jkd-statsclear");
        ns = NetNs.create("jkstc", "a");
        ns.exec("ip", "link", "add", "d0", "type", "veth", "peer", "name", "d1");
        ns.exec("ip", "link", "set", "d0", "up");
        ns.exec("ip", "link", "set", "d1", "up");
        ns.addr("d0", "192.0.2.1/24");
    }

    @AfterEach
    void tearDown() throws Exception {
        stop();
        if (ns != null) {
            ns.close();
        }
        if (dir != null) {
            Sh.run("rm", "-rf", dir.toString());
        }
    }

    @Test
    void statsClearWritesTheStatsThenZeroesThemAsKeepalivedDoes() throws Exception {
        for (boolean jkeepalived : new boolean[] {false, true}) {
            String tag = jkeepalived ? "jkeepalived" : "keepalived";
            Path tmp = start(jkeepalived, tag);
            Thread.sleep(4_500);       // advert_int 1: four or five adverts as MASTER
            String cleared = signal(tmp, "-63");
            Thread.sleep(1_500);
            String after = signal(tmp, "-USR2");
            String log = Files.readString(dir.resolve(tag + ".log"));
            stop();

            assertTrue(count(SENT, cleared) >= 3, tag + ": the stats before clearing count the adverts:\n" + cleared);
            assertEquals(1, count(BECAME, cleared), tag + ":\n" + cleared);
            assertTrue(count(SENT, after) <= 3, tag + ": only the adverts since the clear:\n" + after);
            assertEquals(0, count(BECAME, after), tag + ": the transition was cleared:\n" + after);
            assertTrue(log.contains("Printing and clearing VRRP stats for process("), tag + ":\n" + log);
            assertTrue(log.contains("Printing VRRP stats for process("), tag + ":\n" + log);
        }
    }

    private Path start(boolean jkeepalived, String tag) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp-" + tag));
        Path conf = dir.resolve(tag + ".conf");
        Files.writeString(conf, "global_defs {\n    router_id jkstc\n}\n"
                + "vrrp_instance VI_1 {\n    state MASTER\n    interface d0\n    virtual_router_id 61\n    priority 150\n"
                + "    advert_int 1\n    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\n");
        Path log = dir.resolve(tag + ".log");
        var cmd = new ArrayList<String>();
        if (jkeepalived) {
            cmd.addAll(List.of("env", "--block-signal=36,63"));     // as bin/jkeepalived and the package's launcher
            cmd.addAll(JkeepalivedJvm.command());
        } else {
            cmd.add("keepalived");
        }
        cmd.addAll(List.of("-n", "-l", "-D", "-P", "-f", conf.toString(), "-p", dir.resolve(tag + ".pid").toString(),
                "-r", dir.resolve(tag + "-vrrp.pid").toString(), "-c", dir.resolve(tag + "-checkers.pid").toString()));
        var pb = new ProcessBuilder(ns.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("TMPDIR", tmp.toString());
        process = pb.start();
        Await.until(Duration.ofSeconds(60), tag + ": MASTER", () -> read(log).contains("(VI_1) Entering MASTER STATE"));
        return tmp;
    }

    /** Sends {@code signal} (ip netns exec execs the daemon: same pid) and returns keepalived.stats once written whole. */
    private String signal(Path tmp, String signal) throws Exception {
        Path file = tmp.resolve("keepalived.stats");
        Files.deleteIfExists(file);
        Sh.ok("kill", signal, Long.toString(process.pid()));
        Await.until(Duration.ofSeconds(20), file + " written", () -> WHOLE.matcher(read(file)).find());
        return read(file);
    }

    private static long count(Pattern p, String stats) {
        Matcher m = p.matcher(stats);
        assertTrue(m.find(), p + " in:\n" + stats);
        return Long.parseLong(m.group(1));
    }

    private void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
