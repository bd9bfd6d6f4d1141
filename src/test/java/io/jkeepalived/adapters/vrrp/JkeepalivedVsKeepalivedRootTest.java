package io.jkeepalived.adapters.vrrp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.NetworkNamespace;
import io.jkeepalived.linux.VrrpSocketSpec;
import io.jkeepalived.testsupport.NetNs;
import static io.jkeepalived.testsupport.KeepalivedLogs.await;
import static io.jkeepalived.testsupport.KeepalivedLogs.lastEntering;
import static io.jkeepalived.testsupport.KeepalivedLogs.read;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.vrrp.port.Notifier;
import io.jkeepalived.vrrp.runtime.VrrpLoop;
import io.jkeepalived.vrrp.port.VrrpPorts;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole jkeepalived VRRP stack - VrrpLoop, engine, codec, the Linux adapters' raw VRRP sockets,
 * rtnetlink for the VIP and AF_PACKET GARP/NA - against the real keepalived 2.2.7 across a veth
 * pair between two namespaces. The VIP must really move between the namespaces.
 */
@Tag("root")
class JkeepalivedVsKeepalivedRootTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2-pass", "v3", "v3-ipv6", "v3-unicast"})
    void vipMovesBetweenJkeepalivedAndKeepalived(String flavour) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs keepalived");
        boolean v6 = flavour.equals("v3-ipv6");
        String vip = v6 ? "2001:db8::100" : "192.0.2.100";
        String family = v6 ? "-6" : "-4";
        Path dir = Files.createTempDirectory("jkv-stack");
        Process keepalived = null;
        try (NetNs a = NetNs.create("jkv", "sa"); NetNs b = NetNs.create("jkv", "sb")) {
            for (NetNs ns : List.of(a, b)) {
                ns.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
            }
            a.exec("ip", "link", "add", "jkva", "type", "veth", "peer", "name", "jkvb", "netns", b.name());
            a.exec("ip", "link", "set", "jkva", "up");
            b.exec("ip", "link", "set", "jkvb", "up");
            a.addr("jkva", "192.0.2.1/24");
            b.addr("jkvb", "192.0.2.2/24");

            Files.writeString(dir.resolve("keepalived.conf"), "vrrp_instance VI_1 {\n"
                    + (flavour.startsWith("v3") ? "    version 3\n" : "") + "    state BACKUP\n    interface jkva\n"
                    + "    virtual_router_id 51\n    priority 100\n    advert_int 1\n"
                    + (flavour.equals("v2-pass") ? "    authentication {\n        auth_type PASS\n        auth_pass jkvpass\n    }\n" : "")
                    + (flavour.equals("v3-unicast") ? "    unicast_src_ip 192.0.2.1\n    unicast_peer {\n        192.0.2.2\n    }\n" : "")
                    + "    virtual_ipaddress {\n        " + vip + (v6 ? "/64" : "/24") + "\n    }\n}\n");
            Path klog = dir.resolve("keepalived.log");
            keepalived = new ProcessBuilder(a.inside("keepalived", "-P", "-n", "-l", "-D", "-f",
                    dir.resolve("keepalived.conf").toString(), "-p", dir.resolve("k.pid").toString(), "-r",
                    dir.resolve("kv.pid").toString())).redirectErrorStream(true).redirectOutput(klog.toFile()).start();

            InetAddress us = InetAddress.getByName(v6 ? linkLocal(b, "jkvb") : "192.0.2.2");
            var builder = InstanceParams.builder("VI_1", 51, us).interfaceName("jkvb").priority(200)
                    .vips(List.of(InetAddress.getByName(vip)));
            if (flavour.equals("v2-pass")) {
                builder.auth(AuthType.PASS, Arrays.copyOf("jkvpass".getBytes(), 8));
            } else {
                builder.version(3).unicast(flavour.equals("v3-unicast"));
            }
            InstanceParams params = builder.build();

            var log = new CopyOnWriteArrayList<String>();
            var loop = startStack(params, b, v6, log);
            await("the VIP is on our side", () -> has(b, family, "jkvb", vip) && !has(a, family, "jkva", vip));
            await("keepalived is BACKUP", () -> lastEntering(klog).equals("BACKUP"));
            assertTrue(log.contains("(VI_1) Entering MASTER STATE"), log.toString());

            assertTrue(loop.stop(5_000));
            assertTrue(!has(b, family, "jkvb", vip), "our VIP is gone once we stopped");
            await("keepalived took the VIP", () -> has(a, family, "jkva", vip));

            var log2 = new CopyOnWriteArrayList<String>();
            var again = startStack(params, b, v6, log2);
            await("we preempt and the VIP comes back", () -> has(b, family, "jkvb", vip) && !has(a, family, "jkva", vip));
            assertTrue(read(klog).contains("with higher priority 200, ours 100"), read(klog));
            // keepalived would quietly accept a unicast v3 checksum over the multicast group and say so here
            assertTrue(!read(klog).contains("Setting unicast VRRPv3 checksum to old version")
                    && !read(klog).contains("Invalid VRRPv3 checksum"), read(klog));
            assertTrue(again.stop(5_000));
            assertTrue(log2.stream().noneMatch(l -> l.contains("failed") || l.contains("error")), log2.toString());
        } finally {
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

    /** Opens every socket inside namespace {@code ns} and starts a VrrpLoop on them. */
    static VrrpLoop startStack(InstanceParams p, NetNs ns, boolean v6, List<String> log) throws Exception {
        var family = v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        var spec = VrrpSocketSpec.multicast(family, "jkvb").withSource(p.sourceAddress());
        if (p.unicast()) {
            spec = spec.withUnicastPeers(List.of(InetAddress.getByName("192.0.2.1")), 255);
        }
        var socketSpec = spec;
        var socket = in(ns, () -> Linux.openVrrpSocket(socketSpec));
        var transport = new LinuxVrrpTransport(Linux.openEventPoller(), Map.of(p.name(), socket));
        int ifindex = in(ns, () -> Linux.interfaceIndex("jkvb"));
        var vipAddress = InterfaceAddress.of(ifindex, p.vips().getFirst(), v6 ? 64 : 24);
        if (v6) {
            vipAddress = vipAddress.withFlags(InterfaceAddress.IFA_F_NODAD);
        }
        var addresses = new LinuxAddressManager(in(ns, Linux::openRtnetlink), Map.of(p.name(), List.of(vipAddress)), log::add);
        var garp = new AnnouncingGarpSender(Map.of("jkvb", in(ns, () -> Linux.openGarpSender("jkvb"))),
                Map.of("jkvb", in(ns, () -> Linux.openNeighbourAdvertiser("jkvb"))), Map.of(), io.jkeepalived.common.Log.NONE);
        Notifier notifier = (VrrpAction.RunNotify n) -> log.add("notify " + n.state());
        var loop = new VrrpLoop("jkv-stack", new VrrpEngine(List.of(p), List.of(), true),
                new VrrpPorts(transport, addresses, garp, notifier, log::add), MonotonicClock.system());
        loop.start();
        return loop;
    }

    static <T> T in(NetNs ns, Callable<T> work) throws Exception {
        return NetworkNamespace.call(NetworkNamespace.named(ns.name()), work);
    }

    static boolean has(NetNs ns, String family, String ifname, String address) {
        return ns.exec("ip", family, "addr", "show", "dev", ifname).contains(address + "/");
    }

    static String linkLocal(NetNs ns, String ifname) {
        for (String word : ns.exec("ip", "-6", "-o", "addr", "show", "dev", ifname, "scope", "link").split("\\s+")) {
            if (word.startsWith("fe80:")) {
                return word.substring(0, word.indexOf('/'));
            }
        }
        throw new IllegalStateException("no link-local address on " + ifname);
    }

}
