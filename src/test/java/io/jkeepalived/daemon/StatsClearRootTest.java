package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    private SignalledDaemon daemon;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run(List.of("keepalived", "--version"), 10).exit() == 0, "needs keepalived 2.2.7");
        dir = Files.createTempDirectory("jkd-statsclear");
        ns = SignalledDaemon.lan("jkstc");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (ns != null) {
            ns.close();
        }
        if (dir != null) {
            Sh.run("rm", "-rf", dir.toString());
        }
    }

    @Test
    void statsClearWritesTheStatsThenZeroesThemAsKeepalivedDoes() throws Exception {
        String conf = "global_defs {\n    router_id jkstc\n}\n"
                + "vrrp_instance VI_1 {\n    state MASTER\n    interface d0\n    virtual_router_id 61\n    priority 150\n"
                + "    advert_int 1\n    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\n";
        for (boolean jkeepalived : new boolean[] {false, true}) {
            String tag = jkeepalived ? "jkeepalived" : "keepalived";
            daemon = SignalledDaemon.start(ns, dir, jkeepalived, conf, tag, List.of("-P"), List.of("(VI_1) Entering MASTER STATE"));
            Thread.sleep(4_500);       // advert_int 1: four or five adverts as MASTER
            String cleared = stats("-63");
            Thread.sleep(1_500);
            String after = stats("-USR2");
            String log = daemon.log();
            daemon.close();
            daemon = null;

            assertTrue(count(SENT, cleared) >= 3, tag + ": the stats before clearing count the adverts:\n" + cleared);
            assertEquals(1, count(BECAME, cleared), tag + ":\n" + cleared);
            assertTrue(count(SENT, after) <= 3, tag + ": only the adverts since the clear:\n" + after);
            assertEquals(0, count(BECAME, after), tag + ": the transition was cleared:\n" + after);
            assertTrue(log.contains("Printing and clearing VRRP stats for process("), tag + ":\n" + log);
            assertTrue(log.contains("Printing VRRP stats for process("), tag + ":\n" + log);
        }
    }

    /** Sends {@code signal} and returns keepalived.stats once written whole. */
    private String stats(String signal) throws Exception {
        Path file = daemon.tmp().resolve("keepalived.stats");
        Files.deleteIfExists(file);
        daemon.signal(signal);
        Await.until(Duration.ofSeconds(20), file + " written", () -> WHOLE.matcher(SignalledDaemon.read(file)).find());
        return SignalledDaemon.read(file);
    }

    private static long count(Pattern p, String stats) {
        Matcher m = p.matcher(stats);
        assertTrue(m.find(), p + " in:\n" + stats);
        return Long.parseLong(m.group(1));
    }
}
