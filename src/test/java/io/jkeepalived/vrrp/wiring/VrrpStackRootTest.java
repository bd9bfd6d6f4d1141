package io.jkeepalived.vrrp.wiring;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.config.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.linux.NetworkNamespace;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.loop.Notifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * keepalived.conf -> VrrpStack (every Linux adapter) in one namespace, the real keepalived in the other:
 * we win, the VIP and the excluded VIP are really on our interface; link down means FAULT and the
 * addresses go; link up and we are master again.
 */
@Tag("root")
class VrrpStackRootTest {

    @Test
    void configToRunningStackAgainstKeepalived() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs keepalived");
        Path dir = Files.createTempDirectory("jkv-vrrpstack");
        Process keepalived = null;
        VrrpStack stack = null;
        try (NetNs a = NetNs.create("jkv", "ta"); NetNs b = NetNs.create("jkv", "tb")) {
            a.exec("ip", "link", "add", "jkva", "type", "veth", "peer", "name", "jkvb", "netns", b.name());
            a.exec("ip", "link", "set", "jkva", "up");
            b.exec("ip", "link", "set", "jkvb", "up");
            a.addr("jkva", "192.0.2.1/24");
            b.addr("jkvb", "192.0.2.2/24");
            Files.writeString(dir.resolve("keepalived.conf"), """
                    vrrp_instance VI_1 {
                        state BACKUP
                        interface jkva
                        virtual_router_id 51
                        priority 100
                        advert_int 1
                        virtual_ipaddress {
                            192.0.2.100/24
                        }
                    }
                    """);
            Path klog = dir.resolve("keepalived.log");
            keepalived = new ProcessBuilder(a.inside("keepalived", "-P", "-n", "-l", "-D", "-f",
                    dir.resolve("keepalived.conf").toString(), "-p", dir.resolve("k.pid").toString(), "-r",
                    dir.resolve("kv.pid").toString())).redirectErrorStream(true).redirectOutput(klog.toFile()).start();

            Path ours = dir.resolve("jkeepalived.conf");
            Files.writeString(ours, """
                    vrrp_instance VI_1 {
                        state BACKUP
                        interface jkvb
                        virtual_router_id 51
                        priority 200
                        advert_int 1
                        garp_master_delay 1
                        virtual_ipaddress {
                            192.0.2.100/24
                        }
                        virtual_ipaddress_excluded {
                            198.51.100.1/32
                        }
                    }
                    """);
            var log = new CopyOnWriteArrayList<String>();
            Notifier notifier = (VrrpAction.RunNotify n) -> log.add("notify " + n.state());
            stack = NetworkNamespace.call(NetworkNamespace.named(b.name()), () -> {
                var sink = new DiagnosticSink();
                var config = ConfigTest.load(ours, null, false, sink);
                return VrrpStack.start(config, notifier, log::add, true);
            });

            JkeepalivedVsKeepalivedRootTest.await("VIP and E-VIP on our side", () -> has(b, "192.0.2.100/24")
                    && has(b, "198.51.100.1/32") && !a.exec("ip", "-4", "addr", "show", "dev", "jkva").contains("192.0.2.100/"));
            JkeepalivedVsKeepalivedRootTest.await("keepalived BACKUP",
                    () -> JkeepalivedVsKeepalivedRootTest.lastEntering(klog).equals("BACKUP"));

            b.exec("ip", "link", "set", "jkvb", "down");
            JkeepalivedVsKeepalivedRootTest.await("FAULT on link down", () -> log.contains("notify FAULT"));
            assertTrue(log.contains("(VI_1) Entering FAULT STATE"), log.toString());
            JkeepalivedVsKeepalivedRootTest.await("addresses removed", () -> !has(b, "192.0.2.100/24") && !has(b, "198.51.100.1/32"));

            b.exec("ip", "link", "set", "jkvb", "up");
            JkeepalivedVsKeepalivedRootTest.await("master again after link up",
                    () -> log.stream().filter(l -> l.equals("notify MASTER")).count() == 2 && has(b, "192.0.2.100/24"));
            assertTrue(log.stream().noneMatch(l -> l.contains("failed")), log.toString());
            var stats = new StringBuilder();
            stack.writeStats(stats);
            assertTrue(stats.toString().startsWith("VRRP Instance: VI_1\n  Advertisements:\n"), stats.toString());
            assertTrue(stats.toString().contains("  Became master: 2\n"), stats.toString());
            assertTrue(stack.stop(5_000));
            stack = null;
            assertTrue(!has(b, "192.0.2.100/24"), "VIP released on stop");
        } finally {
            if (stack != null) {
                stack.close();
            }
            if (keepalived != null) {
                keepalived.destroy();
                if (!keepalived.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    keepalived.destroyForcibly();
                }
            }
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    static boolean has(NetNs ns, String cidr) {
        return ns.exec("ip", "-4", "addr", "show", "dev", "jkvb").contains(cidr);
    }

}
