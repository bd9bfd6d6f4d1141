package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.lvs.DataPlane;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Forwarding;
import io.jkeepalived.lvs.LvsOp;
import io.jkeepalived.lvs.Persistence;
import io.jkeepalived.lvs.Pool;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.Reconciler;
import io.jkeepalived.lvs.Scheduling;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceSettings;
import io.jkeepalived.lvs.VirtualService;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The nftables data plane against the kernel, without traffic: what it programs reads back as the same
 * pool (NAT, DR, persistence, fwmark, IPv6, every scheduler), edits stay edits, what it cannot carry
 * fails alone with a reason, and a kernel error in one service leaves the others applied.
 */
@Tag("root")
class NftablesDataPlaneTest {
    static final VirtualService WEB = new VirtualService.Address("198.51.100.100", 80, "tcp");
    static final VirtualService DNS = new VirtualService.Address("203.0.113.100", 53, "udp");
    static final VirtualService V6 = new VirtualService.Address("2001:db8:0:0:0:0:0:100", 443, "tcp");
    static final VirtualService MARK = new VirtualService.Fwmark(7);
    static final VirtualService V6_DR = new VirtualService.Address("2001:db8:0:0:0:0:0:200", 80, "tcp");
    static final RealServer A = new RealServer("198.51.100.11", 80);
    static final RealServer B = new RealServer("198.51.100.12", 80);

    NetNs ns;
    NftablesDataPlane dp;
    java.util.concurrent.ExecutorService thread;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        assumeTrue(NftablesDataPlane.unavailable().isEmpty(), "libnftables");
        ns = NetNs.create("jkd", "dp");
        ns.exec("ip", "link", "add", "lan0", "type", "veth", "peer", "name", "lan1");
        ns.exec("ip", "link", "set", "lan0", "up");
        ns.addr("lan0", "198.51.100.1/24");
        ns.exec("ip", "-6", "addr", "add", "2001:db8::1/64", "dev", "lan0", "nodad");
        // the data plane opens its sockets in the namespace of the thread that first uses it
        thread = Executors.newSingleThreadExecutor(io.jkeepalived.testsupport.NsThreads.in(ns.name()));
        dp = on(NftablesDataPlane::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dp != null) {
            on(() -> {
                dp.close();
                return null;
            });
        }
        if (thread != null) {
            thread.shutdownNow();
        }
        if (ns != null) {
            ns.close();
        }
    }

    <T> T on(Callable<T> task) throws Exception {
        return thread.submit(task).get();
    }

    List<DataPlane.Failure> apply(LvsOp... ops) throws Exception {
        return on(() -> dp.apply(List.of(ops)));
    }

    Pool read() throws Exception {
        return on(dp::read);
    }

    static ServiceSettings settings(String sched, Set<String> flags, int persistence, int prefix) {
        return new ServiceSettings(Scheduling.fromWords(sched, flags),
                persistence == 0 ? Optional.empty() : Optional.of(new Persistence(persistence, prefix, Optional.empty())));
    }

    @Test
    void whatIsProgrammedReadsBackAsTheSamePool() throws Exception {
        var desired = Pool.of(List.of(
                Service.of(WEB, settings("wrr", Set.of(), 300, 24), List.of(Destination.of(A, Forwarding.DR, 3), Destination.of(B, Forwarding.DR, 1))),
                Service.of(DNS, settings("sh", Set.of("sh-port", "sh-fallback"), 0, 32),
                        List.of(new Destination(new RealServer("198.51.100.13", 5353), Forwarding.NAT, 2, 100, 10))),
                Service.of(V6, settings("rr", Set.of(), 0, 128), List.of(Destination.of(new RealServer("2001:db8:0:0:0:0:0:11", 443), Forwarding.NAT, 1))),
                Service.of(MARK, settings("wlc", Set.of(), 60, 32), List.of(Destination.of(new RealServer("198.51.100.14", 0), Forwarding.NAT, 1))),
                Service.of(V6_DR, settings("sh", Set.of(), 120, 64), List.of(Destination.of(new RealServer("2001:db8:0:0:0:0:0:21", 80), Forwarding.DR, 2)))));
        var ops = Reconciler.diff(desired, read(), Set.of());
        assertEquals(List.of(), on(() -> dp.apply(ops)));
        assertEquals(desired.services(), read().services(), ns.exec("nft", "list", "ruleset"));
        assertEquals(List.of(), Reconciler.diff(desired, read(), desired.services().keySet()), "nothing left to do");
        var ruleset = ns.exec("nft", "list", "ruleset");
        assertTrue(ruleset.contains("fwd ip to 198.51.100.11 device \"lan0\""), ruleset);
        assertTrue(ruleset.contains("dnat ip to 198.51.100.13:5353"), ruleset);
        assertTrue(ruleset.contains("ct mark set jhash ip saddr . th sport mod 128 seed"), ruleset);
        assertTrue(ruleset.contains("fwd ip6 to 2001:db8::21 device \"lan0\""), ruleset);
        assertTrue(ruleset.contains("update @v_tcp_2001_db8_0_0_0_0_0_200_80_p { ip6 saddr & ffff:ffff:ffff:ffff:: :"), ruleset);
    }

    @Test
    void weightChangeKeepsTheServersChainAndCounter() throws Exception {
        var s = Service.of(WEB, settings("wrr", Set.of(), 0, 32), List.of(Destination.of(A, Forwarding.NAT, 1), Destination.of(B, Forwarding.NAT, 1)));
        apply(Reconciler.diff(Pool.of(List.of(s)), Pool.EMPTY, Set.of()).toArray(LvsOp[]::new));
        String before = ns.exec("nft", "-a", "list", "chain", "inet", "jkeepalived", "v_tcp_198_51_100_100_80_r1");
        assertEquals(List.of(), apply(new LvsOp.EditDestination(WEB, Destination.of(A, Forwarding.NAT, 3))));
        String after = ns.exec("nft", "-a", "list", "chain", "inet", "jkeepalived", "v_tcp_198_51_100_100_80_r1");
        assertEquals(before, after, "the server's chain (rule handle, counter) is untouched by a weight change");
        assertTrue(ns.exec("nft", "list", "chain", "inet", "jkeepalived", "v_tcp_198_51_100_100_80")
                .contains("ct mark set numgen inc mod 128 map @v_tcp_198_51_100_100_80_slots"));
        assertEquals(Map.of(0x6a6b0001, 96, 0x6a6b0002, 32), slotCounts("inet", "v_tcp_198_51_100_100_80"), "3:1 over the 128 slots");
        assertEquals(3, read().services().get(WEB).destinations().get(A).weight());
    }

    @Test
    void checkResultsGoToTheKernelAsElementBatches() throws Exception {
        var c = new RealServer("198.51.100.13", 80);
        var s = Service.of(WEB, settings("sh", Set.of("sh-port"), 0, 32),
                List.of(Destination.of(A, Forwarding.NAT, 1), Destination.of(B, Forwarding.NAT, 1), Destination.of(c, Forwarding.NAT, 1)));
        apply(Reconciler.diff(Pool.of(List.of(s)), Pool.EMPTY, Set.of()).toArray(LvsOp[]::new));
        long[] before = dp.transactions();
        String rules = ns.exec("nft", "-a", "list", "chain", "inet", "jkeepalived", "v_tcp_198_51_100_100_80");
        assertTrue(rules.contains("ct mark set jhash ip saddr . th sport mod 192 seed"), "3 servers: 3 x 64 slots\n" + rules);
        // weight change, server down, same weight, server back: slots refilled, the rules untouched
        assertEquals(List.of(), apply(new LvsOp.EditDestination(WEB, Destination.of(A, Forwarding.NAT, 2))));
        assertEquals(Map.of(0x6a6b0001, 96, 0x6a6b0002, 48, 0x6a6b0003, 48), slotCounts("inet", "v_tcp_198_51_100_100_80"));
        assertEquals(List.of(), apply(new LvsOp.RemoveDestination(WEB, B)));
        assertEquals(Map.of(0x6a6b0001, 128, 0x6a6b0003, 64), slotCounts("inet", "v_tcp_198_51_100_100_80"));
        assertEquals(List.of(), apply(new LvsOp.EditDestination(WEB, Destination.of(c, Forwarding.NAT, 1))));
        assertEquals(List.of(), apply(new LvsOp.AddDestination(WEB, Destination.of(B, Forwarding.NAT, 1))));
        long[] after = dp.transactions();
        assertEquals(4, after[0] - before[0], "element batches over nf_tables netlink");
        assertEquals(0, after[1] - before[1], "no libnftables run for a check result");
        var expected = Service.of(WEB, s.settings(),
                List.of(Destination.of(A, Forwarding.NAT, 2), Destination.of(c, Forwarding.NAT, 1), Destination.of(B, Forwarding.NAT, 1)));
        assertEquals(expected, read().services().get(WEB), ns.exec("nft", "list", "ruleset"));
        assertEquals(rules, ns.exec("nft", "-a", "list", "chain", "inet", "jkeepalived", "v_tcp_198_51_100_100_80"),
                "no rule replaced by a check result (same handles)");
        // all servers gone, then back: the empty pool keeps its rule, the way back is elements too
        assertEquals(List.of(), apply(new LvsOp.RemoveDestination(WEB, A), new LvsOp.RemoveDestination(WEB, B), new LvsOp.RemoveDestination(WEB, c)));
        assertEquals(Set.of(), read().services().get(WEB).destinations().keySet());
        assertEquals(List.of(), apply(new LvsOp.AddDestination(WEB, Destination.of(A, Forwarding.NAT, 1))));
        assertEquals(Set.of(A), read().services().get(WEB).destinations().keySet());
    }

    @Test
    void drWithPersistenceChangesAsElementBatchesToo() throws Exception {
        var s = Service.of(WEB, settings("wrr", Set.of(), 300, 24), List.of(Destination.of(A, Forwarding.DR, 3), Destination.of(B, Forwarding.DR, 1)));
        apply(Reconciler.diff(Pool.of(List.of(s)), Pool.EMPTY, Set.of()).toArray(LvsOp[]::new));
        long[] before = dp.transactions();
        assertEquals(List.of(), apply(new LvsOp.EditDestination(WEB, Destination.of(A, Forwarding.DR, 1))));
        assertEquals(List.of(), apply(new LvsOp.RemoveDestination(WEB, B)));
        assertEquals(List.of(), apply(new LvsOp.AddDestination(WEB, Destination.of(B, Forwarding.DR, 2))));
        long[] after = dp.transactions();
        assertEquals(3, after[0] - before[0], "element batches");
        assertEquals(0, after[1] - before[1], "no libnftables run");
        var expected = Service.of(WEB, s.settings(), List.of(Destination.of(A, Forwarding.DR, 1), Destination.of(B, Forwarding.DR, 2)));
        var listing = ns.exec("nft", "list", "ruleset");
        assertEquals(expected, read().services().get(WEB), listing);
        assertTrue(listing.contains("meta mark != @v_tcp_198_51_100_100_80_live meta mark set numgen inc mod 128 map @v_tcp_198_51_100_100_80_slots"),
                listing);
        assertEquals(Map.of(0x6a6b0001, 43, 0x6a6b0002, 85), slotCounts("netdev", "v_tcp_198_51_100_100_80"), "1:2 within a slot of 128");
    }

    /** How many slots of a service's slot map each server's mark has. */
    Map<Integer, Integer> slotCounts(String family, String chain) throws Exception {
        var table = family.equals("inet") ? "jkeepalived" : "jkeepalived_dr";
        var listing = ns.exec("nft", "list", "map", family, table, chain + "_slots");
        var counts = new java.util.TreeMap<Integer, Integer>();
        var m = java.util.regex.Pattern.compile(":\\s*(0x[0-9a-f]+)").matcher(listing);
        while (m.find()) {
            counts.merge(Integer.parseUnsignedInt(m.group(1).substring(2), 16), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aServiceLeftByTheVerdictLayoutIsWrittenAnew(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // what the layout before the marks left behind (a daemon stopped with -I, or killed): maps of jumps
        var old = tmp.resolve("verdict-layout.nft");
        java.nio.file.Files.writeString(old, """
                table inet jkeepalived {
                  map nat4 { typeof ip daddr . meta l4proto . th dport : verdict; }
                  chain S_r1 { meta l4proto tcp counter dnat ip to 198.51.100.11:80; }
                  chain S_r2 { meta l4proto tcp counter dnat ip to 198.51.100.12:80; }
                  map S_slots { typeof numgen inc mod 2 : verdict; elements = { 0 : jump S_r1, 1 : jump S_r2 }; }
                  map S_ids { typeof ct mark : verdict; elements = { 0x6a6b0001 comment "r=198.51.100.11,80 w=1 u=0 l=0 m=NAT" : jump S_r1,
                                                                      0x6a6b0002 comment "r=198.51.100.12,80 w=1 u=0 l=0 m=NAT" : jump S_r2 }; }
                  chain S { numgen inc mod 2 vmap @S_slots; }
                }
                add element inet jkeepalived nat4 { 198.51.100.100 . tcp . 80 comment "v=tcp,198.51.100.100,80 s=wrr" : jump S }
                """.replace("S", "v_tcp_198_51_100_100_80")); // S: the service chain's name (no other capital S in the text)
        ns.exec("nft", "-f", old.toString());
        assertEquals(Set.of(), read().services().keySet(), "not read back: half a service in this layout");
        var desired = Pool.of(List.of(Service.of(WEB, settings("wrr", Set.of(), 0, 32),
                List.of(Destination.of(A, Forwarding.NAT, 1), Destination.of(B, Forwarding.NAT, 2)))));
        var ops = Reconciler.diff(desired, read(), Set.of());
        assertEquals(List.of(), on(() -> dp.apply(ops)));
        var listing = ns.exec("nft", "list", "ruleset");
        assertEquals(desired.services(), read().services(), listing);
        assertTrue(!listing.contains("_ids") && listing.contains("ct mark set numgen inc mod 192 map @v_tcp_198_51_100_100_80_slots"), listing);
    }

    @Test
    void natConnectionsTakeTheLvsTimeouts() throws Exception {
        ns.exec("ip", "link", "set", "lo", "up");
        ns.exec("ip", "link", "set", "lan1", "up");
        var server = new RealServer("198.51.100.1", 8080);
        assertEquals(List.of(), apply(new LvsOp.SetTimeouts(new io.jkeepalived.lvs.Timeouts(900, 30, 200)),
                new LvsOp.AddService(WEB, settings("rr", Set.of(), 0, 32)), new LvsOp.AddDestination(WEB, Destination.of(server, Forwarding.NAT, 1))));
        assertEquals(Optional.of(new io.jkeepalived.lvs.Timeouts(900, 30, 200)), read().timeouts(), "read back from the kernel");
        String conntrack = on(() -> {
            try (var listener = new java.net.ServerSocket()) {
                listener.bind(new java.net.InetSocketAddress("198.51.100.1", 8080));
                try (var client = new java.net.Socket()) {
                    client.connect(new java.net.InetSocketAddress(WEB instanceof VirtualService.Address a ? a.ip() : "", 80), 5000);
                    try (var accepted = listener.accept()) {
                        client.getOutputStream().write(1);
                        accepted.getInputStream().read();
                        return ns.exec("cat", "/proc/net/nf_conntrack");
                    }
                }
            }
        });
        var line = conntrack.lines().filter(l -> l.contains("dst=198.51.100.100") && l.contains("dport=80 ")).findFirst().orElseThrow(
                () -> new AssertionError("no conntrack entry for the VIP: " + conntrack));
        assertTrue(line.contains("ESTABLISHED"), line);
        int timeout = Integer.parseInt(line.trim().split("\\s+")[4]);
        assertTrue(timeout > 800 && timeout <= 900, "established timeout from lvs_timeouts tcp 900 (conntrack's default is 432000): " + line);
        // a new value replaces the objects in place
        assertEquals(List.of(), apply(new LvsOp.SetTimeouts(new io.jkeepalived.lvs.Timeouts(600, 0, 0))));
        var table = ns.exec("nft", "list", "table", "inet", "jkeepalived");
        assertTrue(table.contains("established : 600, fin_wait : 30"), table);
        assertTrue(table.contains("ct timeout set \"jk_udp4\""), "udp keeps its value: " + table);
    }

    @Test
    void tunnelServersFailAloneWithAReason() throws Exception {
        var tun = Destination.of(B, Forwarding.tunnel(Forwarding.TunnelType.GUE, 6080, Forwarding.TunnelChecksum.CSUM), 1);
        var failures = apply(new LvsOp.AddService(WEB, settings("rr", Set.of(), 0, 32)),
                new LvsOp.AddDestination(WEB, Destination.of(A, Forwarding.NAT, 1)), new LvsOp.AddDestination(WEB, tun));
        assertEquals(1, failures.size(), failures.toString());
        assertEquals(new LvsOp.AddDestination(WEB, tun), failures.getFirst().op());
        assertTrue(failures.getFirst().reason().contains("TUN forwarding (gue) is not available"), failures.toString());
        assertEquals(Set.of(A), read().services().get(WEB).destinations().keySet());
    }

    @Test
    void aKernelErrorInOneServiceLeavesTheOthersApplied() throws Exception {
        apply(new LvsOp.AddService(WEB, settings("rr", Set.of(), 0, 32)), new LvsOp.AddDestination(WEB, Destination.of(A, Forwarding.NAT, 1)),
                new LvsOp.AddService(DNS, settings("rr", Set.of(), 0, 32)),
                new LvsOp.AddDestination(DNS, Destination.of(new RealServer("198.51.100.13", 53), Forwarding.NAT, 1)));
        // someone else breaks WEB: its selection map is gone, so a weight change fails in the kernel, as elements and whole
        ns.exec("nft", "flush", "chain", "inet", "jkeepalived", "v_tcp_198_51_100_100_80");
        ns.exec("nft", "delete", "map", "inet", "jkeepalived", "v_tcp_198_51_100_100_80_slots");
        var failures = apply(new LvsOp.EditDestination(WEB, Destination.of(A, Forwarding.NAT, 2)),
                new LvsOp.AddDestination(DNS, Destination.of(new RealServer("198.51.100.14", 53), Forwarding.NAT, 1)));
        assertEquals(1, failures.size(), failures.toString());
        assertEquals(WEB, failures.getFirst().op().service());
        var reason = failures.getFirst().reason();
        assertTrue(reason.contains("No such file or directory"), reason);
        assertTrue(reason.contains("nf_tables refused flush set inet jkeepalived v_tcp_198_51_100_100_80_slots: No such file or directory (ENOENT)"),
                reason);
        assertEquals(2, read().services().get(DNS).destinations().size(), "the other service's change applied");
    }

    @Test
    void flushRemovesOnlyOurTables() throws Exception {
        ns.exec("nft", "add", "table", "inet", "theirs");
        apply(new LvsOp.AddService(WEB, settings("rr", Set.of(), 0, 32)), new LvsOp.AddDestination(WEB, Destination.of(A, Forwarding.NAT, 1)));
        on(() -> {
            dp.flush();
            return null;
        });
        assertEquals(Pool.EMPTY.services(), read().services());
        assertTrue(ns.exec("nft", "list", "tables").contains("theirs"));
    }
}
