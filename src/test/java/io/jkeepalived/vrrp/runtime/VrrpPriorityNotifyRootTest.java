package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Sh;
import java.io.BufferedReader;
import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * vrrp_notify_priority_changes: a track_file moves the effective priority and the notify FIFO gets keepalived's
 * {@code INSTANCE "VI_1" MASTER_PRIORITY 120} / {@code BACKUP_PRIORITY} lines; vrrp_rt_priority puts the loop thread
 * in SCHED_RR at that priority, and (as keepalived) vrrp_priority is then left alone: nice only counts without it.
 */
@Tag("root")
@Timeout(120)
class VrrpPriorityNotifyRootTest {

    @Test
    void priorityLinesOnTheFifoAndTheLoopThreadsScheduling() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        Path dir = Files.createTempDirectory("jkd-prio");
        Path fifo = dir.resolve("notify.fifo");
        Files.writeString(dir.resolve("tf"), "0\n");
        String head = "global_defs {\n    vrrp_notify_fifo " + fifo + "\n    vrrp_notify_priority_changes true\n"
                + "    vrrp_rt_priority 20\n    vrrp_priority -5\n}\n"
                + "track_file tf {\n    file " + dir.resolve("tf") + "\n    weight 10\n}\n";
        var conf = new TestConf("v2-pass", "jkda", 100, "    track_file {\n        tf\n    }\n");
        try (var lan = new VrrpTestLan("pn");
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, head + conf.render().replace("global_defs {\n    router_id jkd_jkda\n}\n", ""))) {
            jk.start();
            var lines = new CopyOnWriteArrayList<String>();
            await("the FIFO exists", 20_000, () -> Files.exists(fifo), jk);
            Thread.ofVirtual().start(() -> {
                try (var r = new BufferedReader(new FileReader(fifo.toFile()))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (Exception ignored) {
                    // the test ended
                }
            });
            await("MASTER", 20_000, () -> jk.state("VI_1").equals("MASTER"), jk);
            Files.writeString(dir.resolve("tf"), "2\n");
            await("MASTER_PRIORITY line", 5_000, () -> lines.contains("INSTANCE \"VI_1\" MASTER_PRIORITY 120"), jk);
            assertTrue(jk.currentLog().contains("(VI_1) Changing effective priority from 100 to 120"), jk.currentLog());

            String[] stat = loopThreadStat(jk.pid());
            // after the comm: field 19 nice, 40 rt_priority, 41 policy (counted from 1, comm is field 2)
            String main = Files.readString(Path.of("/proc/" + jk.pid() + "/stat"));
            String inherited = main.substring(main.lastIndexOf(')') + 2).trim().split(" ")[19 - 3];
            assertEquals(inherited, stat[19 - 3], "nice of the loop thread: keepalived sets it only without a realtime priority");
            assertEquals("20", stat[40 - 3], "rt_priority of the loop thread");
            assertEquals("2", stat[41 - 3], "SCHED_RR");
            assertTrue(jk.currentLog().contains("VRRP loop thread scheduling set: SCHED_RR priority 20 RLIMIT_RTTIME 100000 us (process-wide, raised from 10000 us for the JVM)"), jk.currentLog());
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The fields after "(comm) " of /proc/PID/task/TID/stat of the thread named VRRP-loop. */
    private static String[] loopThreadStat(long pid) throws Exception {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                if (Files.readString(t.resolve("comm")).trim().equals("VRRP-loop")) {
                    String stat = Files.readString(t.resolve("stat"));
                    return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                }
            }
        }
        throw new AssertionError("no VRRP-loop thread in " + pid);
    }
}
