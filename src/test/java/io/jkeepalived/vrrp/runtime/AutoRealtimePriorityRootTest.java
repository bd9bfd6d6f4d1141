package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.testsupport.Sh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * max_auto_priority / min_auto_priority_delay side by side with keepalived 2.2.7, each MASTER of its own VRID: each VRRP process (our JVM, keepalived's
 * VRRP child) is stopped with SIGSTOP for longer than the delay and continued; each logs "A thread timer expired ...
 * seconds ago" and "Set realtime priority 1" and its VRRP thread(s) - keepalived's one, our loop and the timer and reader
 * that wake it - are then SCHED_RR at priority 1, read from /proc/PID/task/TID/stat. A second stop is logged again but
 * raises nothing more: max_auto_priority 1 is reached.
 */
@Tag("root")
@Timeout(180)
class AutoRealtimePriorityRootTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_RR = 2;
    private static final List<String> OUR_THREADS = List.of("VRRP-loop", "VRRP-timer", "VRRP-reader");
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.besideKeepalived("jkd-autoprio");
    private VrrpTestLan lan;
    private VrrpNode jk;
    private VrrpNode ka;

    /** A SIGSTOPped daemon is continued first, so that it stops as it would. */
    @AfterEach
    void continueStopped() {
        for (var n : new VrrpNode[] {jk, ka}) {
            if (n != null) {
                Sh.run("kill", "-CONT", Long.toString(n.pid()));
            }
        }
    }

    /** Each MASTER of a VRID of its own, so each has an advert timer due every second (a backup's is 3.6 s away). */
    private static String conf(String ifname, int vrid) {
        return new TestConf("v2-pass", ifname, 100, "").render().replace("global_defs {\n",
                        "global_defs {\n    max_auto_priority 1\n    min_auto_priority_delay 500000\n")
                .replace("virtual_router_id 51", "virtual_router_id " + vrid)
                .replace(TestConf.VIP4 + "/", "192.0.2." + vrid + "/");
    }

    @Test
    void aStoppedVrrpProcessRaisesItselfToRealtimeOnceAsKeepalivedDoes() throws Exception {
        lan = lab.lan("arp");
        jk = lab.jkeepalived("jk", lan.a, conf("jkda", 51)).start();
        ka = lab.keepalived("ka", lan.b, conf("jkdb", 52)).start();
        await("both running", 60_000, () -> jk.state("VI_1").equals("MASTER") && ka.state("VI_1").equals("MASTER"), jk, ka);
        long kaVrrp = Long.parseLong(Files.readString(lab.dir().resolve("ka-vrrp.pid")).trim());
        Map<String, int[]> ours = ourThreads(jk.pid());
        assertEquals(OUR_THREADS.size(), ours.size(), "our VRRP threads by name: " + ours.keySet());
        ours.forEach((name, s) -> assertEquals(SCHED_OTHER, s[0], name + " before"));
        assertEquals(SCHED_OTHER, sched(kaVrrp, kaVrrp)[0], "keepalived's VRRP process before");

        stopAndContinue(jk.pid(), kaVrrp);
        await("both raised", 30_000, () -> jk.countLines("Set realtime priority 1") == 1
                && ka.countLines("Set realtime priority 1") == 1, jk, ka);
        assertEquals(1, jk.countLines("A thread timer expired"), jk.currentLog());
        ourThreads(jk.pid()).forEach((name, s) -> {
            assertEquals(SCHED_RR, s[0], name + " policy");
            assertEquals(1, s[1], name + " realtime priority");
        });
        int[] theirs = sched(kaVrrp, kaVrrp);
        assertEquals(SCHED_RR, theirs[0], "keepalived's VRRP process policy");
        assertEquals(1, theirs[1], "keepalived's VRRP process realtime priority");

        stopAndContinue(jk.pid(), kaVrrp);
        await("the second late timer logged", 30_000, () -> jk.countLines("A thread timer expired") >= 2
                && ka.countLines("A thread timer expired") >= 2, jk, ka);
        Thread.sleep(1_000);
        assertEquals(1, jk.countLines("Set realtime priority"), "max_auto_priority 1 reached:\n" + jk.currentLog());
        assertEquals(1, ka.countLines("Set realtime priority"), "max_auto_priority 1 reached:\n" + ka.currentLog());
        ourThreads(jk.pid()).forEach((name, s) -> assertEquals(1, s[1], name + " realtime priority"));
    }

    private static void stopAndContinue(long... pids) throws InterruptedException {
        for (long p : pids) {
            Sh.ok("kill", "-STOP", Long.toString(p));
        }
        Thread.sleep(2_500);
        for (long p : pids) {
            Sh.ok("kill", "-CONT", Long.toString(p));
        }
    }

    /** Our VRRP loop, timer and reader threads by name: {policy, realtime priority}. */
    private static Map<String, int[]> ourThreads(long pid) throws IOException {
        var found = new TreeMap<String, int[]>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                String comm = Files.readString(t.resolve("comm")).strip();
                if (OUR_THREADS.contains(comm)) {
                    found.put(comm, sched(pid, Long.parseLong(t.getFileName().toString())));
                }
            }
        }
        return found;
    }

    /** /proc/PID/task/TID/stat: fields 40 (rt_priority) and 41 (policy), counted after the command's ")". */
    private static int[] sched(long pid, long tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new int[] {Integer.parseInt(f[41 - 3]), Integer.parseInt(f[40 - 3])};
    }
}
