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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * global_defs' process settings on a real daemon (VRRP and the checker in one JVM) in a namespace, read back from
 * the kernel: /proc/PID/task/TID/stat (nice, rt_priority, policy), .../status (Cpus_allowed_list), /proc/PID/status
 * (VmLck) and /proc/PID/limits (Max realtime timeout). The thread settings land on each subsystem's loop thread
 * ({@code VRRP-loop}, {@code checker}); mlockall and RLIMIT_RTTIME on the process.
 */
@Tag("root")
@Timeout(180)
class ProcessSettingsRootTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_RR = 2;

    @TempDir
    Path dir;

    /** The CPU the checker is pinned to: another one than VRRP's where there is one. */
    private static final int SECOND_CPU = Runtime.getRuntime().availableProcessors() > 1 ? 1 : 0;

    @Test
    void vrrpRealtimeWithAffinityLimitAndLockedMemoryCheckerNiceWithAffinity() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces, SCHED_RR and mlockall");
        String globals = """
                    vrrp_rt_priority 30
                    vrrp_priority -5
                    vrrp_cpu_affinity 0
                    vrrp_rlimit_rttime 400000
                    vrrp_no_swap
                    checker_priority -7
                    checker_cpu_affinity %d
                """.formatted(SECOND_CPU);
        try (var ns = NetNs.create("jkps", "a"); var daemon = new Running(ns, dir, globals)) {
            daemon.awaitLog("VRRP loop thread scheduling set:");
            daemon.awaitLog("Healthcheck loop thread scheduling set:");

            var vrrp = daemon.thread("VRRP-loop");
            assertEquals(SCHED_RR, vrrp.policy(), "VRRP loop: SCHED_RR");
            assertEquals(30, vrrp.rtPriority(), "VRRP loop: vrrp_rt_priority");
            // keepalived: vrrp_priority (nice) is only set without a realtime priority
            assertEquals(daemon.inheritedNice(), vrrp.nice(), "VRRP loop: nice untouched under SCHED_RR");
            assertEquals("0", vrrp.cpus(), "VRRP loop: vrrp_cpu_affinity");
            for (String feeder : List.of("VRRP-timer", "VRRP-reader")) {
                var t = daemon.thread(feeder);
                assertEquals(List.of(SCHED_RR, 30, "0"), List.of(t.policy(), t.rtPriority(), t.cpus()),
                        feeder + ": the loop's scheduling (it wakes the loop)");
            }

            var checker = daemon.thread("checker");
            assertEquals(SCHED_OTHER, checker.policy(), "checker loop: no realtime");
            assertEquals(-7, checker.nice(), "checker loop: checker_priority");
            assertEquals(Integer.toString(SECOND_CPU), checker.cpus(), "checker loop: checker_cpu_affinity");

            assertTrue(daemon.lockedKb() > 0, "vrrp_no_swap: VmLck of the process is " + daemon.lockedKb() + " kB");
            assertEquals(List.of("200000", "400000"), daemon.realtimeTimeout(), "RLIMIT_RTTIME soft/hard (us)");
            assertTrue(daemon.log().contains("VRRP loop thread scheduling set: SCHED_RR priority 30 RLIMIT_RTTIME 400000 us"
                    + " (process-wide) CPUs 0 memory locked (process-wide)"), daemon.log());

            // a reload to a configuration without them: new loop threads at the defaults, memory unlocked
            // (keepalived's reset_process_priorities before it applies the new configuration)
            daemon.reload("");
            var plainVrrp = daemon.thread("VRRP-loop");
            assertEquals(SCHED_OTHER, plainVrrp.policy(), "VRRP loop after the reload");
            assertEquals(daemon.inheritedNice(), daemon.thread("checker").nice(), "checker loop after the reload");
            assertEquals(0, daemon.lockedKb(), "no *_no_swap any more: memory unlocked");
        }
    }

    @Test
    void checkerRealtimeWithTheDefaultLimitAndLockedMemoryVrrpNice() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces, SCHED_RR and mlockall");
        String globals = """
                    vrrp_priority 4
                    checker_rt_priority 15
                    checker_priority -3
                    checker_no_swap
                """;
        try (var ns = NetNs.create("jkps", "b"); var daemon = new Running(ns, dir, globals)) {
            daemon.awaitLog("VRRP loop thread scheduling set:");
            daemon.awaitLog("Healthcheck loop thread scheduling set:");

            var vrrp = daemon.thread("VRRP-loop");
            assertEquals(SCHED_OTHER, vrrp.policy(), "VRRP loop: no realtime");
            assertEquals(4, vrrp.nice(), "VRRP loop: vrrp_priority");
            assertEquals(4, daemon.thread("VRRP-timer").nice(), "VRRP timer: vrrp_priority");
            assertEquals(4, daemon.thread("VRRP-reader").nice(), "VRRP reader: vrrp_priority");

            var checker = daemon.thread("checker");
            assertEquals(SCHED_RR, checker.policy(), "checker loop: SCHED_RR");
            assertEquals(15, checker.rtPriority(), "checker loop: checker_rt_priority");
            assertEquals(daemon.inheritedNice(), checker.nice(), "checker loop: checker_priority ignored under SCHED_RR, as keepalived");

            assertTrue(daemon.lockedKb() > 0, "checker_no_swap: VmLck of the process is " + daemon.lockedKb() + " kB");
            // keepalived's default checker_rlimit_rttime (10000 us) once a realtime priority is set, raised to the
            // least a JVM loop thread needs (ProcessLimits.MIN_REALTIME_LIMIT_MICROS)
            assertEquals(List.of("50000", "100000"), daemon.realtimeTimeout(), "RLIMIT_RTTIME soft/hard (us)");
            assertTrue(daemon.log().contains("Healthcheck loop thread scheduling set: SCHED_RR priority 15 RLIMIT_RTTIME"
                    + " 100000 us (process-wide, raised from 10000 us for the JVM) memory locked (process-wide)"), daemon.log());
        }
    }

    @Test
    void withoutTheKeywordsNothingChanges() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        try (var ns = NetNs.create("jkps", "c"); var daemon = new Running(ns, dir, "")) {
            daemon.awaitLog("Entering MASTER STATE");
            var vrrp = daemon.thread("VRRP-loop");
            assertEquals(SCHED_OTHER, vrrp.policy());
            assertEquals(daemon.inheritedNice(), vrrp.nice());
            assertEquals(0, daemon.lockedKb(), "no *_no_swap: nothing locked");
            assertEquals(List.of("unlimited", "unlimited"), daemon.realtimeTimeout());
        }
    }

    /** One of the daemon's threads as the kernel sees it. */
    record ThreadView(int nice, int rtPriority, int policy, String cpus) {
    }

    /** The daemon (both subsystems, nftables data plane) in {@code ns}, with a VRRP instance and a virtual server. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final Path conf;

        Running(NetNs ns, Path dir, String globals) throws IOException {
            ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
            ns.exec("ip", "link", "set", "eth0", "up");
            ns.exec("ip", "link", "set", "eth1", "up");
            ns.addr("eth0", "192.0.2.1/24");
            conf = dir.resolve("ps-" + ns.name() + ".conf");
            write(globals);
            log = dir.resolve("ps-" + ns.name() + ".log");
            var cmd = new ArrayList<>(JkeepalivedJvm.command());
            cmd.addAll(List.of("-n", "-l", "-G", "-D", "--lvs-backend", "nftables", "-f", conf.toString(),
                    "-p", dir.resolve(ns.name() + ".pid").toString(), "-r", dir.resolve(ns.name() + "-vrrp.pid").toString(),
                    "-c", dir.resolve(ns.name() + "-checkers.pid").toString()));
            process = new ProcessBuilder(ns.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        }

        private void write(String globals) throws IOException {
            Files.writeString(conf, """
                    global_defs {
                        router_id ps
                    %s}
                    vrrp_instance VI_1 {
                        state MASTER
                        interface eth0
                        virtual_router_id 51
                        priority 100
                        advert_int 1
                        virtual_ipaddress {
                            192.0.2.100/24
                        }
                    }
                    virtual_server 192.0.2.100 80 {
                        delay_loop 1
                        lb_algo rr
                        lb_kind NAT
                        protocol TCP
                        real_server 192.0.2.21 80 {
                            TCP_CHECK {
                                connect_timeout 1
                            }
                        }
                    }
                    """.formatted(globals));
        }

        /** SIGHUP with {@code globals} in the configuration; returns once the reload finished. */
        void reload(String globals) throws IOException {
            write(globals);
            int before = log().split("Reload finished", -1).length;
            Sh.ok("kill", "-HUP", Long.toString(process.pid()));
            Await.until(Duration.ofSeconds(60), "the reload finished:\n" + log(), () -> {
                assertTrue(process.isAlive(), "the daemon ended:\n" + log());
                return log().split("Reload finished", -1).length > before;
            });
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }

        void awaitLog(String text) {
            Await.until(Duration.ofSeconds(60), "'" + text + "' in the log:\n" + log(), () -> {
                assertTrue(process.isAlive(), "the daemon ended:\n" + log());
                return log().contains(text);
            });
        }

        /** {@code ip netns exec} execs the daemon: this pid is the JVM's. */
        ThreadView thread(String name) throws IOException {
            try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
                for (Path t : tasks.toList()) {
                    if (Files.readString(t.resolve("comm")).trim().equals(name)) {
                        String stat = Files.readString(t.resolve("stat"));
                        // after "(comm) ": field 19 nice, 40 rt_priority, 41 policy (fields counted from 1)
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                        return new ThreadView(Integer.parseInt(f[19 - 3]), Integer.parseInt(f[40 - 3]),
                                Integer.parseInt(f[41 - 3]), statusField(t.resolve("status"), "Cpus_allowed_list"));
                    }
                }
            }
            throw new AssertionError("no thread " + name + " in " + process.pid());
        }

        /** The nice value the daemon started with (the test may run under nice): its main thread's. */
        int inheritedNice() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[19 - 3]);
        }

        long lockedKb() throws IOException {
            return Long.parseLong(statusField(Path.of("/proc/" + process.pid() + "/status"), "VmLck").split("\\s+")[0]);
        }

        /** Soft and hard of "Max realtime timeout" in /proc/PID/limits. */
        List<String> realtimeTimeout() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/limits"))) {
                if (line.startsWith("Max realtime timeout")) {
                    String[] f = line.substring("Max realtime timeout".length()).trim().split("\\s+");
                    return List.of(f[0], f[1]);
                }
            }
            throw new AssertionError("no Max realtime timeout line");
        }

        private static String statusField(Path status, String field) throws IOException {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).trim();
                }
            }
            throw new AssertionError("no " + field + " in " + status);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
