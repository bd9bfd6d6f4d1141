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
 * {@code kernel_rx_buf_size}, keepalived 2.2.7 and jkeepalived side by side: the socket each daemon receives adverts
 * on (bound to 224.0.0.18) has SO_RCVBUF twice the configured size (the kernel doubles it), read from outside with
 * pidfd_getfd(2); without the keyword it is the kernel's default. {@code ss} shows no memory of raw sockets here.
 */
@Tag("root")
@Timeout(180)
class KernelRxBufSizeRootTest {
    /** Prints the SO_RCVBUF of each of pid's sockets bound to the VRRP group, as a Python list. */
    private static final String PROBE = """
            import ctypes, os, re, socket, subprocess, sys
            pid = int(sys.argv[1])
            libc = ctypes.CDLL(None, use_errno=True)
            sizes = []
            for line in subprocess.run(['ss', '-w', '-a', '-n', '-p'], capture_output=True, text=True).stdout.splitlines():
                words = line.split()
                if len(words) < 4 or not words[3].startswith('224.0.0.18'):
                    continue
                for m in re.finditer(r'pid=(\\d+),fd=(\\d+)', line):
                    if int(m.group(1)) != pid:
                        continue
                    fd = libc.syscall(438, os.pidfd_open(pid), int(m.group(2)), 0)
                    s = socket.socket(fileno=fd)
                    sizes.append(s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
            print(sizes)
            """;

    @Test
    void bothDaemonsSizeTheirReceiveSocketAsConfigured() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        assumeTrue(Sh.run("which", "python3").exit() == 0, "needs python3");
        Path dir = Files.createTempDirectory("jkd-rxbuf");
        try (var lan = new VrrpTestLan("rb");
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir,
                     new TestConf("v3", "jkda", 100, "    kernel_rx_buf_size 60000\n").render());
             var ka = VrrpNode.keepalived("ka", lan.b, dir,
                     new TestConf("v3", "jkdb", 150, "    kernel_rx_buf_size 60000\n").render())) {
            ka.start();
            jk.start();
            await("keepalived MASTER, jkeepalived BACKUP", 60_000,
                    () -> ka.state("VI_1").equals("MASTER") && jk.state("VI_1").equals("BACKUP"), jk, ka);
            long kaVrrp = Long.parseLong(Files.readString(dir.resolve("ka-vrrp.pid")).trim());
            assertEquals("[120000]", probe(lan.b, kaVrrp), "keepalived's receive socket");
            assertEquals("[120000]", probe(lan.a, jk.pid()), "jkeepalived's receive socket");
            assertEquals(0, jk.term());

            jk.rewrite(new TestConf("v3", "jkda", 100, "").render());
            jk.start();
            await("jkeepalived BACKUP again", 60_000, () -> jk.state("VI_1").equals("BACKUP"), jk);
            String defaultSize = "[" + lan.a.exec("sysctl", "-n", "net.core.rmem_default").trim() + "]";
            assertEquals(defaultSize, probe(lan.a, jk.pid()), "without kernel_rx_buf_size: the kernel's default");
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String probe(NetNs ns, long pid) {
        return ns.exec("python3", "-c", PROBE, String.valueOf(pid)).trim();
    }
}
