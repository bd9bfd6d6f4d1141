package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * keepalived's {@code net_namespace} and {@code -s}, side by side with keepalived 2.2.7: both daemons are started
 * in the test's own namespace and move themselves into theirs (router namespaces of a {@link VrrpTestLan}, made
 * with {@code ip netns add}). They elect one MASTER over the LAN, write their pid files under
 * {@code /run/keepalived/NAMESPACE/}, log with the namespace in their syslog ident, and remove the pid directory
 * when they stop; every thread of jkeepalived is in its namespace; a reload cannot change the namespace; a
 * missing namespace stops both; {@code -t} looks for interfaces inside the namespace.
 */
@Tag("root")
@Timeout(240)
class NetNamespaceRootTest {
    private static final Path PID_DIR = Path.of("/run/keepalived");

    @Test
    void daemonsStartedOutsideRunInTheirNamespaces() throws Exception {
        assumeReady();
        Path dir = Files.createTempDirectory("jkd-netns");
        try (var lan = new VrrpTestLan("nn")) {
            String a = lan.a.name();
            String b = lan.b.name();
            String jkConf = "net_namespace " + a + "\n" + new TestConf("v3", "jkda", 100, "").render();
            try (var jk = VrrpNode.jkeepalived("jk", lan.a, dir, jkConf);
                 var ka = VrrpNode.keepalived("ka", lan.b, dir,
                         "net_namespace " + b + "\n" + new TestConf("v3", "jkdb", 150, "").render())) {
                ka.startOutside();
                jk.startOutside();
                await("keepalived (150) MASTER, jkeepalived (100) BACKUP", 60_000,
                        () -> ka.state("VI_1").equals("MASTER") && jk.state("VI_1").equals("BACKUP"), jk, ka);
                assertTrue(lan.hasAddress(lan.b, TestConf.VIP4) && !lan.hasAddress(lan.a, TestConf.VIP4),
                        "the VIP is in keepalived's namespace only");

                // keepalived's pid file layout, for both
                await("keepalived's pid files", 10_000, () -> Files.exists(PID_DIR.resolve(b).resolve("vrrp.pid")), ka);
                assertEquals(List.of("keepalived.pid", "vrrp.pid"), names(PID_DIR.resolve(b)));
                assertEquals(List.of("keepalived.pid", "vrrp.pid"), names(PID_DIR.resolve(a)));
                assertEquals(String.valueOf(jk.pid()), Files.readString(PID_DIR.resolve(a).resolve("keepalived.pid")).trim());

                // the syslog ident names the namespace, as keepalived's make_syslog_ident does
                assertTrue(ka.currentLog().contains("Changing syslog ident to Keepalived_" + b), ka.currentLog());
                assertTrue(jk.currentLog().contains("Changing syslog ident to Keepalived_" + a), jk.currentLog());
                assertFalse(jk.currentLog().contains("net_namespace is not supported"), jk.currentLog());

                // all of jkeepalived, not only the thread that asked, is in the namespace
                assertEquals(Set.of(namespaceInode(lan.a)), threadNamespaces(jk.pid()));

                // keepalived gone: jkeepalived takes the VIP in its own namespace
                assertEquals(0, ka.term());
                await("jkeepalived MASTER with the VIP in its namespace", 15_000,
                        () -> jk.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, TestConf.VIP4), jk);
                assertFalse(Files.exists(PID_DIR.resolve(b)), "keepalived removes its pid directory");

                // a reload cannot move the daemon: keepalived's words, and the running configuration stays
                jk.rewrite("net_namespace " + b + "\n" + new TestConf("v3", "jkda", 100, "").render());
                Sh.run("kill", "-HUP", String.valueOf(jk.pid()));
                await("the reload refused", 15_000, () -> jk.currentLog()
                        .contains("Cannot change network namespace at a reload - please restart keepalived"), jk);
                Thread.sleep(1_500);
                assertEquals("MASTER", jk.state("VI_1"));
                assertTrue(lan.hasAddress(lan.a, TestConf.VIP4));

                assertEquals(0, jk.term());
                assertFalse(Files.exists(PID_DIR.resolve(a)), "jkeepalived removes its pid directory");
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void commandLineNamespaceOverridesTheConfiguration() throws Exception {
        assumeReady();
        Path dir = Files.createTempDirectory("jkd-netns");
        try (var lan = new VrrpTestLan("ns")) {
            String a = lan.a.name();
            try (var jk = VrrpNode.jkeepalived("jk", lan.a, dir,
                    "net_namespace jkd-no-such-namespace\n" + new TestConf("v3", "jkda", 100, "").render())) {
                jk.startOutside("-s", a);
                await("jkeepalived MASTER in the namespace named by -s", 60_000,
                        () -> jk.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, TestConf.VIP4), jk);
                assertTrue(jk.currentLog().contains("Overriding config net_namespace 'jkd-no-such-namespace' with "
                        + "command line namespace '" + a + "'"), jk.currentLog());
                assertEquals(Set.of(namespaceInode(lan.a)), threadNamespaces(jk.pid()));
                assertEquals(0, jk.term());
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void aMissingNamespaceStopsBothDaemons() throws Exception {
        assumeReady();
        Path dir = Files.createTempDirectory("jkd-netns");
        String conf = "net_namespace jkd-no-such-namespace\n" + new TestConf("v3", "jkda", 100, "").render();
        try (var jk = VrrpNode.jkeepalived("jk", null, dir, conf);
             var ka = VrrpNode.keepalived("ka", null, dir, conf)) {
            ka.startOutside();
            jk.startOutside();
            await("both give up", 60_000, () -> !ka.alive() && !jk.alive(), jk, ka);
            for (var node : List.of(ka, jk)) {
                assertTrue(node.currentLog().contains("Unable to set network namespace jkd-no-such-namespace - exiting"),
                        node.currentLog());
            }
            assertFalse(Files.exists(PID_DIR.resolve("jkd-no-such-namespace")));
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void configTestLooksForInterfacesInsideTheNamespace() throws Exception {
        assumeReady();
        Path dir = Files.createTempDirectory("jkd-netns");
        try (var lan = new VrrpTestLan("nt")) {
            Path inside = dir.resolve("inside.conf");
            Files.writeString(inside, "net_namespace " + lan.a.name() + "\n" + new TestConf("v3", "jkda", 100, "").render());
            Path outside = dir.resolve("outside.conf");
            Files.writeString(outside, new TestConf("v3", "jkda", 100, "").render());
            for (Path conf : List.of(inside, outside)) {
                var ka = Sh.run(List.of("keepalived", "-t", "-l", "-f", conf.toString()), 60);
                var cmd = new ArrayList<>(VrrpNode.javaCommand());
                cmd.addAll(List.of("-t", "-f", conf.toString()));
                var jk = Sh.run(cmd, 60);
                assertEquals(ka.exit(), jk.exit(), conf.getFileName() + "\nkeepalived:\n" + ka.out() + "\njkeepalived:\n" + jk.out());
                assertEquals(conf == inside, jk.exit() == 0, jk.out());
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void assumeReady() {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String namespaceInode(NetNs ns) throws IOException {
        return String.valueOf(Files.getAttribute(Path.of("/run/netns", ns.name()), "unix:ino"));
    }

    private static Set<String> threadNamespaces(long pid) throws IOException {
        var inodes = new HashSet<String>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    inodes.add(String.valueOf(Files.getAttribute(task.resolve("ns/net"), "unix:ino")));
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return inodes;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(dir);
    }
}
