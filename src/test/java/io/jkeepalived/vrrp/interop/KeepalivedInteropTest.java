package io.jkeepalived.vrrp.interop;

import io.jkeepalived.common.AddressText;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import static io.jkeepalived.testsupport.KeepalivedLogs.await;
import static io.jkeepalived.testsupport.KeepalivedLogs.lastEntering;
import static io.jkeepalived.testsupport.KeepalivedLogs.read;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.port.AddressManager;
import io.jkeepalived.vrrp.port.GarpSender;
import io.jkeepalived.vrrp.port.LogSink;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.vrrp.port.Notifier;
import io.jkeepalived.vrrp.runtime.VrrpLoop;
import io.jkeepalived.vrrp.port.VrrpPorts;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jkeepalived's VRRP (loop + engine + codec) against the real keepalived 2.2.7 on one link: two
 * namespaces joined by a veth pair, keepalived (priority 100) in one, our VrrpLoop (priority 200) in
 * the other. We must win the election, hand over with priority 0 on stop, and preempt back - for
 * VRRPv2 with PASS and with AH authentication, and for VRRPv3.
 */
@Tag("root")
class KeepalivedInteropTest {
    static final String VIP4 = "192.0.2.100";
    static final String VIP6 = "2001:db8::100";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2-pass", "v2-ah", "v3", "v3-ipv6"})
    void electionHandoverAndPreemptAgainstKeepalived(String flavour) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived", "tcpdump", "python3").exit() == 0, "needs keepalived, tcpdump, python3");
        Path dir = Files.createTempDirectory("jkv-interop");
        Process keepalived = null;
        try (NetNs a = NetNs.create("jkv", "ka"); NetNs b = NetNs.create("jkv", "jk")) {
            for (NetNs ns : List.of(a, b)) {        // no DAD: link-local addresses usable at once
                ns.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
            }
            a.exec("ip", "link", "add", "jkva", "type", "veth", "peer", "name", "jkvb", "netns", b.name());
            a.exec("ip", "link", "set", "jkva", "up");
            b.exec("ip", "link", "set", "jkvb", "up");
            a.addr("jkva", "192.0.2.1/24");
            b.addr("jkvb", "192.0.2.2/24");

            boolean v3 = flavour.startsWith("v3");
            boolean v6 = flavour.equals("v3-ipv6");
            String vip = v6 ? VIP6 : VIP4;
            String family = v6 ? "-6" : "-4";
            String auth = switch (flavour) {
                case "v2-pass" -> "    authentication {\n        auth_type PASS\n        auth_pass jkvpass\n    }\n";
                case "v2-ah" -> "    authentication {\n        auth_type AH\n        auth_pass jkvah\n    }\n";
                default -> "";
            };
            Files.writeString(dir.resolve("keepalived.conf"), "global_defs {\n    router_id jkv_interop\n}\n"
                    + "vrrp_instance VI_1 {\n" + (v3 ? "    version 3\n" : "") + "    state BACKUP\n    interface jkva\n"
                    + "    virtual_router_id 51\n    priority 100\n    advert_int 1\n" + auth
                    + "    virtual_ipaddress {\n        " + vip + (v6 ? "/64" : "/24") + "\n    }\n}\n");
            Path klog = dir.resolve("keepalived.log");
            keepalived = new ProcessBuilder(a.inside("keepalived", "-P", "-n", "-l", "-D", "-f",
                    dir.resolve("keepalived.conf").toString(), "-p", dir.resolve("k.pid").toString(), "-r",
                    dir.resolve("kv.pid").toString())).redirectErrorStream(true).redirectOutput(klog.toFile()).start();

            InetAddress us = InetAddress.getByName(v6 ? linkLocal(b, "jkvb") : "192.0.2.2");
            var builder = InstanceParams.builder("VI_1", 51, us).interfaceName("jkvb")
                    .priority(200).vips(List.of(InetAddress.getByName(vip)));
            switch (flavour) {
                case "v2-pass" -> builder.auth(AuthType.PASS, Arrays.copyOf("jkvpass".getBytes(), 8));
                case "v2-ah" -> builder.auth(AuthType.AH, Arrays.copyOf("jkvah".getBytes(), 8));
                default -> builder.version(3);
            }
            InstanceParams params = builder.build();
            var rec = new Recorder();

            var loop = startLoop(params, b, rec);
            await("jkeepalived becomes master", () -> rec.saw("notify VI_1 MASTER"));
            await("keepalived is BACKUP and holds no VIP", () -> lastEntering(klog).equals("BACKUP")
                    && !a.exec("ip", family, "addr", "show", "dev", "jkva").contains(vip));
            assertFalse(rec.events.stream().anyMatch(e -> e.contains("IPSEC") || e.contains("invalid") || e.contains("mismatch")),
                    "our side accepted keepalived's adverts: " + rec.events);

            long stopAt = System.nanoTime();
            assertTrue(loop.stop(5_000));
            await("keepalived takes over after our priority 0", () -> lastEntering(klog).equals("MASTER"));
            long takeoverMs = (System.nanoTime() - stopAt) / 1_000_000;
            System.out.println("interop " + flavour + ": keepalived took over " + takeoverMs + " ms after our stop");
            assertTrue(takeoverMs < 2_000, "keepalived waited only about one skew: " + takeoverMs + " ms");
            await("keepalived holds the VIP", () -> a.exec("ip", family, "addr", "show", "dev", "jkva").contains(vip));

            var rec2 = new Recorder();
            var again = startLoop(params, b, rec2);
            await("jkeepalived preempts", () -> rec2.saw("notify VI_1 MASTER"));
            await("keepalived yields", () -> read(klog).contains(
                    "(VI_1) Master received advert from " + io.jkeepalived.common.AddressText.of(us)
                            + " with higher priority 200, ours 100")
                    && lastEntering(klog).equals("BACKUP"));
            assertTrue(again.stop(5_000));
        } finally {
            if (keepalived != null) {
                keepalived.destroy();             // SIGTERM to keepalived's own pid
                if (!keepalived.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    keepalived.destroyForcibly();
                }
            }
            System.out.println(read(dir.resolve("keepalived.log")));
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The fe80:: address of an interface in a namespace. */
    static String linkLocal(NetNs ns, String ifname) {
        for (String word : ns.exec("ip", "-6", "-o", "addr", "show", "dev", ifname, "scope", "link").split("\\s+")) {
            if (word.startsWith("fe80:")) {
                return word.substring(0, word.indexOf('/'));
            }
        }
        throw new IllegalStateException("no link-local address on " + ifname);
    }

    static VrrpLoop startLoop(InstanceParams params, NetNs ns, Recorder rec) throws Exception {
        var engine = new VrrpEngine(List.of(params), List.of(), true);
        var loop = new VrrpLoop("jkv-interop", engine,
                new VrrpPorts(new NamespaceShellTransport(ns, "jkvb"), rec, rec, rec, rec), MonotonicClock.system());
        loop.start();
        return loop;
    }

    static final class Recorder implements AddressManager, GarpSender, Notifier, LogSink {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void add(String instance, List<InetAddress> vips, boolean accept) {
            events.add("add " + vips);
        }

        @Override
        public void remove(String instance, List<InetAddress> vips, boolean accept) {
            events.add("remove " + vips);
        }

        @Override
        public void sendGarp(String interfaceName, List<InetAddress> addresses, int repeat) {
        }

        @Override
        public void sendNa(String interfaceName, List<InetAddress> addresses, int repeat) {
        }

        @Override
        public void notify(VrrpAction.RunNotify notify) {
            events.add("notify " + notify.name() + " " + notify.state());
        }

        @Override
        public void log(String line) {
            events.add(line);
        }

        boolean saw(String s) {
            return events.contains(s);
        }
    }
}
