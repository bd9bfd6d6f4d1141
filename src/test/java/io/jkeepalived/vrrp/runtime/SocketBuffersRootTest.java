package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * global_defs' socket buffers, keepalived 2.2.7 and jkeepalived side by side with the same settings: the VRRP
 * receive socket (vrrp_rx_bufs_policy MTU x vrrp_rx_bufs_multiplier) and the VRRP process's rtnetlink sockets
 * (vrrp_netlink_cmd_rcv_bufs; vrrp_netlink_monitor_rcv_bufs with _force, above net.core.rmem_max) have the same
 * SO_RCVBUF, read from outside with pidfd_getfd(2). The kernel doubles SO_RCVBUF; without FORCE it caps it at
 * rmem_max first. Then jkeepalived alone: process_monitor_rcv_bufs on track_process's connector socket (keepalived's
 * cannot listen from a namespace other than init's). The lvs_* buffers size the checker's IPVS socket: this kernel has no IPVS (see unit tests).
 */
@Tag("root")
@Timeout(180)
class SocketBuffersRootTest {
    /**
     * Prints "vrrp=[..] rtnl=[..]": the SO_RCVBUF of pid's sockets bound to the VRRP group (found with ss) and the
     * distinct SO_RCVBUFs of its NETLINK_ROUTE sockets (found in /proc/pid/fd, told apart by SO_DOMAIN/SO_PROTOCOL).
     */
    private static final String PROBE = """
            import ctypes, os, re, socket, subprocess, sys
            pid = int(sys.argv[1])
            libc = ctypes.CDLL(None, use_errno=True)
            pidfd = os.pidfd_open(pid)
            def rcvbuf(fd):
                s = socket.socket(fileno=libc.syscall(438, pidfd, fd, 0))
                try:
                    return s.getsockopt(socket.SOL_SOCKET, 39), s.getsockopt(socket.SOL_SOCKET, 38), \\
                        s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
                finally:
                    s.close()
            vrrp = []
            for line in subprocess.run(['ss', '-w', '-a', '-n', '-p'], capture_output=True, text=True).stdout.splitlines():
                words = line.split()
                if len(words) < 4 or not words[3].startswith('224.0.0.18'):
                    continue
                for m in re.finditer(r'pid=(\\d+),fd=(\\d+)', line):
                    if int(m.group(1)) == pid:
                        vrrp.append(rcvbuf(int(m.group(2)))[2])
            rtnl = set()
            proc = []
            for fd in os.listdir('/proc/%d/fd' % pid):
                try:
                    if not os.readlink('/proc/%d/fd/%s' % (pid, fd)).startswith('socket:'):
                        continue
                except OSError:
                    continue
                domain, protocol, size = rcvbuf(int(fd))
                if domain == socket.AF_NETLINK and protocol == 0:
                    rtnl.add(size)
                if domain == socket.AF_NETLINK and protocol == 11:
                    proc.append(size)
            print('vrrp=%s rtnl=%s' % (sorted(vrrp), sorted(rtnl)) + (' proc=%s' % proc if proc else ''))
            """;

    private static final String GLOBALS = """
                vrrp_rx_bufs_policy MTU
                vrrp_rx_bufs_multiplier 4
                vrrp_netlink_cmd_rcv_bufs 300000
                vrrp_netlink_monitor_rcv_bufs 5000000
                vrrp_netlink_monitor_rcv_bufs_force
            """;

    @Test
    void bothDaemonsSizeTheirSocketsAlike() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        assumeTrue(Sh.run("which", "python3").exit() == 0, "needs python3");
        Path dir = Files.createTempDirectory("jkd-sockbufs");
        try (var lan = new VrrpTestLan("sb");
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, withGlobals(new TestConf("v3", "jkda", 100, ""), GLOBALS));
             var ka = VrrpNode.keepalived("ka", lan.b, dir, withGlobals(new TestConf("v3", "jkdb", 150, ""), GLOBALS))) {
            long rmemMax = Long.parseLong(lan.a.exec("sysctl", "-n", "net.core.rmem_max").trim());
            assumeTrue(rmemMax < 5_000_000 && rmemMax >= 300_000, "rmem_max between the two sizes: " + rmemMax);
            ka.start();
            jk.start();
            await("keepalived MASTER, jkeepalived BACKUP", 60_000,
                    () -> ka.state("VI_1").equals("MASTER") && jk.state("VI_1").equals("BACKUP"), jk, ka);
            long kaVrrp = Long.parseLong(Files.readString(dir.resolve("ka-vrrp.pid")).trim());
            // MTU 1500 x 4, doubled; the command sockets 300000 doubled; the monitor forced past rmem_max, doubled
            String expected = "vrrp=[12000] rtnl=[600000, 10000000]";
            assertEquals(expected, probe(lan.b, kaVrrp), "keepalived's VRRP process");
            assertEquals(expected, probe(lan.a, jk.pid()), "jkeepalived");
            assertEquals(0, jk.term());

            // without _force the monitor's size is capped at rmem_max (then doubled), as keepalived's SO_RCVBUF;
            // track_process opens the process connector (in init's namespace), sized by process_monitor_rcv_bufs
            jk.rewrite(withGlobals(new TestConf("v3", "jkda", 100, "    track_process {\n        tp weight 10\n    }\n"),
                    GLOBALS.replace("    vrrp_netlink_monitor_rcv_bufs_force\n", "")
                            .replace("vrrp_rx_bufs_policy MTU", "vrrp_rx_bufs_policy 7000")
                            + "    process_monitor_rcv_bufs 400000\n")
                    + "vrrp_track_process tp {\n    process sleep\n}\n");
            jk.start();
            await("jkeepalived BACKUP again", 60_000, () -> jk.state("VI_1").equals("BACKUP"), jk);
            assertEquals("vrrp=[14000] rtnl=[600000, " + 2 * rmemMax + "] proc=[800000]", probe(lan.a, jk.pid()),
                    "a size policy; the monitor without force; the process connector");
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String withGlobals(TestConf conf, String globals) {
        return conf.render().replace("global_defs {\n", "global_defs {\n" + globals);
    }

    private static String probe(NetNs ns, long pid) {
        return ns.exec("python3", "-c", PROBE, String.valueOf(pid)).trim();
    }
}
