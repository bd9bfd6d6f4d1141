package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.DatagramListener;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 5: started in the background as keepalived is, jkeepalived logs to syslog - {@code /dev/log}, here
 * the test's own socket bind-mounted there in a mount namespace of the daemon's own (a tmpfs over /dev with the
 * few device nodes a JVM needs) - with keepalived's idents and {@code -S 3}'s facility, in the datagram format
 * glibc's syslog(3) gives keepalived 2.2.7, which runs the same way first for comparison.
 */
@Tag("root")
@Timeout(240)
class SyslogRootTest {
    /** glibc's datagram to /dev/log: {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}. */
    static final Pattern DATAGRAM = Pattern.compile("<(\\d+)>[A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d ([A-Za-z_]+)\\[(\\d+)\\]: (.*)",
            Pattern.DOTALL);
    static final int LOCAL3 = 19;
    static final Set<String> IDENTS = Set.of("Keepalived", "Keepalived_vrrp", "Keepalived_healthcheckers");

    /** Runs "$@" with the socket $SOCK as /dev/log in a private mount namespace; the host's /dev is untouched. */
    private static final String WITH_DEV_LOG = """
            set -e
            mkdir -p "$W/olddev"
            mount --bind /dev "$W/olddev"
            mount -t tmpfs -o mode=755,size=1m jkd-dev /dev
            for n in null zero full random urandom tty; do touch /dev/$n; mount --bind "$W/olddev/$n" /dev/$n; done
            umount -l "$W/olddev"
            ln -s /proc/self/fd /dev/fd
            touch /dev/log
            mount --bind "$SOCK" /dev/log
            exec "$@"
            """;

    @TempDir
    Path dir;

    private static final String CONFIG = """
            global_defs {
                router_id syslogtest
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 100
                advert_int 1
                virtual_ipaddress {
                    192.0.2.100/24
                }
            }
            virtual_server 192.0.2.50 80 {
                delay_loop 1
                lb_kind NAT
                protocol TCP
                real_server 127.0.0.1 18081 {
                    TCP_CHECK {
                        connect_timeout 1
                    }
                }
            }
            """;

    record Line(int facility, int severity, String ident, long pid, String message) {
        static Line parse(String datagram) {
            Matcher m = DATAGRAM.matcher(datagram);
            if (!m.matches()) {
                throw new AssertionError("not a syslog(3) datagram: '" + datagram + "'");
            }
            int pri = Integer.parseInt(m.group(1));
            return new Line(pri >> 3, pri & 7, m.group(2), Long.parseLong(m.group(3)), m.group(4));
        }
    }

    @Test
    void theBackgroundDaemonLogsToDevLogWithKeepalivedsIdentsAndFacility() throws Exception {
        Assumptions.assumeTrue(Sh.isRoot(), "needs root for namespaces and mounts");
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, CONFIG);
        try (var ns = SdNotifyRootTest.lan(NetNs.create("jkd", "slog"))) {
            List<Line> keepalived = new ArrayList<>();
            // keepalived 2.2.7 itself, the same way: its checker stops the whole daemon on a kernel without IPVS,
            // so VRRP alone (-P) shows a MASTER line
            if (Sh.run("sh", "-c", "command -v keepalived").exit() == 0) {
                keepalived.addAll(keepalivedLines(ns, conf, List.of(), "Terminating"));
                keepalived.addAll(keepalivedLines(ns, conf, List.of("-P"), "(VI_1) Entering MASTER STATE"));
            }
            List<Line> ours = jkeepalivedLines(ns, conf);

            var ourIdents = new TreeSet<String>();
            for (Line l : ours) {
                ourIdents.add(l.ident());
                assertEquals(LOCAL3, l.facility(), "-S 3 is LOG_LOCAL3: " + l);
            }
            assertEquals(new TreeSet<>(IDENTS), ourIdents, ours.toString());
            assertTrue(ours.stream().map(Line::pid).distinct().count() == 1, "one process, one pid: " + ours);
            assertTrue(ours.contains(new Line(LOCAL3, 6, "Keepalived_vrrp", ours.getFirst().pid(), "(VI_1) Entering MASTER STATE")),
                    ours.toString());
            assertTrue(ours.stream().anyMatch(l -> l.ident().equals("Keepalived") && l.message().startsWith("Starting Keepalived v2.2.7")),
                    ours.toString());
            String detail = "Assigned address 192.0.2.10 for interface eth0";     // a -D line
            assertTrue(ours.stream().anyMatch(l -> l.ident().equals("Keepalived_vrrp") && l.severity() == 6
                    && l.message().equals(detail)), "-D's detail lines at LOG_INFO: " + ours);

            if (!keepalived.isEmpty()) {
                var theirIdents = new TreeSet<String>();
                keepalived.stream().filter(l -> l.ident().startsWith("Keepalived")).forEach(l -> theirIdents.add(l.ident()));
                assertEquals(theirIdents, ourIdents, "keepalived's idents: " + keepalived);
                Line theirs = keepalived.stream().filter(l -> l.message().equals("(VI_1) Entering MASTER STATE")).findFirst()
                        .orElseThrow(() -> new AssertionError("keepalived's MASTER line: " + keepalived));
                Line mine = ours.stream().filter(l -> l.message().equals("(VI_1) Entering MASTER STATE")).findFirst().orElseThrow();
                assertEquals(List.of(theirs.facility(), theirs.severity(), theirs.ident()),
                        List.of(mine.facility(), mine.severity(), mine.ident()));
                Line theirDetail = keepalived.stream().filter(l -> l.message().equals(detail)).findFirst()
                        .orElseThrow(() -> new AssertionError("keepalived's -D line: " + keepalived));
                assertEquals(List.of(theirDetail.facility(), theirDetail.severity(), theirDetail.ident()),
                        List.of(LOCAL3, 6, "Keepalived_vrrp"));
            }
        }
    }

    private List<String> withDevLog(NetNs ns, List<String> cmd) {
        var all = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", WITH_DEV_LOG, "sh"));
        all.addAll(cmd);
        return ns.inside(all.toArray(String[]::new));
    }

    private ProcessBuilder builder(NetNs ns, List<String> cmd, String socket, String name) {
        var pb = new ProcessBuilder(withDevLog(ns, cmd)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("W", dir.resolve(name + "-work").toString());
        pb.environment().put("SOCK", socket);
        return pb;
    }

    private List<Line> keepalivedLines(NetNs ns, Path conf, List<String> extra, String until) throws Exception {
        String name = "keepalived" + String.join("", extra);
        try (var log = DatagramListener.bind(dir.resolve(name + ".sock").toString())) {
            var cmd = new ArrayList<>(List.of("keepalived", "-n", "-D", "-S", "3", "-f", conf.toString(),
                    "-p", dir.resolve(name + ".pid").toString(), "-r", dir.resolve(name + "-vrrp.pid").toString(),
                    "-c", dir.resolve(name + "-check.pid").toString()));
            cmd.addAll(extra);
            Process p = builder(ns, cmd, log.address(), name).start();
            try {
                log.expect(0, Duration.ofSeconds(30), "keepalived's '" + until + "'", d -> d.contains(until));
            } finally {
                p.destroy();
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            return log.received().stream().filter(d -> !d.contains("modprobe")).map(Line::parse).toList();
        }
    }

    /** Started without -n: the launcher detaches the daemon (setsid) and returns; the daemon is stopped by its pid file. */
    private List<Line> jkeepalivedLines(NetNs ns, Path conf) throws Exception {
        Path pidFile = dir.resolve("jk.pid");
        try (var log = DatagramListener.bind(dir.resolve("jk.sock").toString())) {
            var cmd = new ArrayList<>(VrrpCommand.java());
            cmd.addAll(List.of("-D", "-S", "3", "-f", conf.toString(), "-p", pidFile.toString(),
                    "-r", dir.resolve("jk-vrrp.pid").toString(), "-c", dir.resolve("jk-check.pid").toString()));
            Process launcher = builder(ns, cmd, log.address(), "jkeepalived").start();
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher returns once the daemon is detached");
            assertEquals(0, launcher.exitValue(), Files.readString(dir.resolve("jkeepalived.out")));
            long pid = -1;
            try {
                log.expect(0, Duration.ofSeconds(60), "jkeepalived's MASTER line", d -> d.endsWith("(VI_1) Entering MASTER STATE"));
                log.expect(0, Duration.ofSeconds(30), "a health checker line", d -> d.contains(" Keepalived_healthcheckers["));
                pid = Long.parseLong(Files.readString(pidFile).trim());
                Sh.ok("kill", "-TERM", Long.toString(pid));
                String stopped = "Keepalived[" + pid + "]: Stopped";
                log.expect(0, Duration.ofSeconds(30), "jkeepalived's 'Stopped' line", d -> d.contains(stopped));
            } finally {
                long p = pid >= 0 ? pid : (Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).trim()) : -1);
                if (p > 0) {
                    ProcessHandle.of(p).ifPresent(h -> {
                        h.destroy();
                        h.onExit().orTimeout(15, TimeUnit.SECONDS).exceptionally(e -> {
                            h.destroyForcibly();
                            return h;
                        }).join();
                    });
                }
            }
            var lines = log.received().stream().map(Line::parse).toList();
            assertTrue(lines.stream().allMatch(l -> l.pid() == lines.getFirst().pid()), lines.toString());
            return lines;
        }
    }

    /** The JVM command line the tests start the daemon with (JDK 25, the test class path). */
    static final class VrrpCommand {
        static List<String> java() {
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "io.jkeepalived.Main");
        }
    }
}
