package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.JkeepalivedJvm;
import io.jkeepalived.testsupport.MiniJson;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * keepalived.json on keepalived's JSON signal (SIGRTMIN+2, 36): keepalived 2.2.7 and jkeepalived run the same
 * configuration in turn in one namespace, each is sent the signal, and the two documents are compared member by
 * member (timestamps and advert counters only by kind, the password by design: jkeepalived writes "********" as
 * keepalived 2.3 does). Then json_version 2 and json_dump_file: the document under "vrrp" with the track_process
 * states, at the configured path. jkeepalived is started as its launcher starts it, with signal 36 blocked.
 */
@Tag("root")
class JsonDumpRootTest {
    private static final Set<String> COUNTERS_BY_KIND = Set.of("advert_rcvd", "advert_sent");
    private NetNs ns;
    private Path dir;
    private SignalledDaemon daemon;
    private Process sleeper;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run(List.of("keepalived", "--version"), 10).exit() == 0, "needs keepalived 2.2.7");
        dir = Files.createTempDirectory("jkd-json");
        ns = SignalledDaemon.lan("jkjson");
    }

    @AfterEach
    void tearDown() throws Exception {
        stop();
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
        if (ns != null) {
            ns.close();
        }
        if (dir != null) {
            Sh.run("rm", "-rf", dir.toString());
        }
    }

    private String config(String globals, String vi2Extra) {
        return "global_defs {\n    router_id jkjson\n" + globals + "}\n"
                + "vrrp_script chk {\n    script \"/bin/true\"\n    interval 1\n}\n"
                + "vrrp_track_process tp {\n    process sleep\n    quorum 1\n}\n"
                + "vrrp_instance VI_1 {\n    state MASTER\n    interface d0\n    virtual_router_id 51\n    priority 150\n"
                + "    advert_int 1\n    garp_master_refresh 30\n"
                + "    authentication {\n        auth_type PASS\n        auth_pass secret\n    }\n"
                + "    virtual_ipaddress {\n        192.0.2.100/24\n        192.0.2.101 dev d0 label d0:x\n    }\n"
                + "    virtual_ipaddress_excluded {\n        198.51.100.5/32\n    }\n"
                + "    virtual_routes {\n        198.18.0.0/24 via 192.0.2.254 dev d0\n    }\n"
                + "    virtual_rules {\n        from 198.18.1.0/24 table 100 priority 100\n    }\n"
                + "    track_interface {\n        d1\n    }\n"
                + "    track_script {\n        chk\n    }\n"
                + "    notify_master \"/bin/echo master\"\n    notify \"/bin/echo x\"\n}\n"
                + "vrrp_instance VI_2 {\n    state BACKUP\n    interface d0\n    virtual_router_id 52\n    priority 100\n"
                + "    advert_int 0.5\n    nopreempt\n    virtual_ipaddress {\n        192.0.2.102\n    }\n" + vi2Extra + "}\n";
    }

    private Path start(boolean jkeepalived, String conf, String tag) throws IOException {
        daemon = SignalledDaemon.start(ns, dir, jkeepalived, conf, tag, List.of(),
                List.of("(VI_1) Entering MASTER STATE", "(VI_2) Entering MASTER STATE"));
        return daemon.tmp();
    }

    private void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    /** Sends the JSON signal and returns the document once it is written whole. */
    @SuppressWarnings("unchecked")
    private Object dump(Path file) throws Exception {
        daemon.signal("-36");
        Await.until(Duration.ofSeconds(20), file + " written", () -> read(file).endsWith("\n"));
        return MiniJson.parse(read(file));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonDumpIsKeepalivedsMemberByMember() throws Exception {
        String conf = config("", "");
        long startedSeconds = System.currentTimeMillis() / 1000;
        Path ktmp = start(false, conf, "keepalived");
        var theirs = (List<Map<String, Object>>) dump(ktmp.resolve("keepalived.json"));
        stop();
        Path jtmp = start(true, conf, "jkeepalived");
        var ours = (List<Map<String, Object>>) dump(jtmp.resolve("keepalived.json"));
        assertTrue(read(dir.resolve("jkeepalived.log")).contains("Printing VRRP as json for process("), read(dir.resolve("jkeepalived.log")));
        stop();
        long nowSeconds = System.currentTimeMillis() / 1000 + 1;

        assertEquals(2, theirs.size(), theirs.toString());
        assertEquals(theirs.size(), ours.size(), ours.toString());
        for (int i = 0; i < theirs.size(); i++) {
            assertEquals(List.of("data", "stats"), List.copyOf(ours.get(i).keySet()));
            var td = (Map<String, Object>) theirs.get(i).get("data");
            var od = (Map<String, Object>) ours.get(i).get("data");
            String where = "instance " + td.get("iname") + ": ";
            assertEquals(List.copyOf(td.keySet()), List.copyOf(od.keySet()), where + "the data members, in keepalived's order");
            for (String k : td.keySet()) {
                switch (k) {
                    case "last_transition" -> {
                        long t = ((BigDecimal) od.get(k)).longValue();
                        assertTrue(t >= startedSeconds && t <= nowSeconds, where + "last_transition " + od.get(k));
                    }
                    case "auth_data" -> assertEquals("********", od.get(k), where + "the password is never written");
                    default -> assertEquals(td.get(k), od.get(k), where + k);
                }
            }
            var ts = (Map<String, Object>) theirs.get(i).get("stats");
            var os = (Map<String, Object>) ours.get(i).get("stats");
            assertEquals(List.copyOf(ts.keySet()), List.copyOf(os.keySet()), where + "the stats members");
            for (String k : ts.keySet()) {
                if (COUNTERS_BY_KIND.contains(k)) {
                    assertTrue(os.get(k) instanceof BigDecimal, where + k);
                } else {
                    assertEquals(ts.get(k), os.get(k), where + k);
                }
            }
        }
        assertTrue(((BigDecimal) ((Map<String, Object>) ours.get(0).get("stats")).get("advert_sent")).intValue() > 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void versionTwoGoesWhereJsonDumpFileSays() throws Exception {
        sleeper = new ProcessBuilder("sleep", "600").start();
        Path out = Files.createDirectories(dir.resolve("out"));
        String conf = config("    json_version 2\n    json_dump_file " + out.resolve("state.json") + "\n",
                "    track_process {\n        tp\n    }\n");
        Path tmp = start(true, conf, "v2");
        var doc = (Map<String, Object>) dump(out.resolve("state.json"));
        assertFalse(Files.exists(tmp.resolve("keepalived.json")), "nothing in $TMPDIR");
        assertEquals(List.of("vrrp", "track_process"), List.copyOf(doc.keySet()), doc.toString());
        var vrrp = (List<Map<String, Object>>) doc.get("vrrp");
        assertEquals(List.of("VI_1", "VI_2"), vrrp.stream().map(v -> ((Map<String, Object>) v.get("data")).get("iname")).toList());
        assertEquals(List.of("tp"), ((Map<String, Object>) vrrp.get(1).get("data")).get("track_process"));
        var tp = ((List<Map<String, Object>>) doc.get("track_process")).getFirst();
        assertEquals("sleep", tp.get("process"));
        assertEquals("none", tp.get("param_match"));
        assertEquals(BigDecimal.ONE, tp.get("min_processes"));
        assertTrue(((BigDecimal) tp.get("current_processes")).intValue() >= 1, tp.toString());
        assertEquals(Boolean.TRUE, tp.get("have_quorum"));
        assertEquals(Boolean.FALSE, tp.get("fork_delay_timer_running"));
    }

    private static String read(Path p) {
        return SignalledDaemon.read(p);
    }
}
