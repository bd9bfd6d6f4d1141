package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.NsThreads;
import io.jkeepalived.testsupport.Sh;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * no_accept over nftables, against the real kernel and the real keepalived 2.2.7: a no_accept MASTER's VIP
 * does not take a client's TCP connection (its address is still reachable, and the BACKUP - keepalived -
 * still hears the adverts), with {@code accept} it does; the table is gone after stop; and the ruleset has
 * the shape keepalived's own has for the same configuration (IPv4, IPv6 and an IPv6 link-local VIP, with
 * nftables_counters and nftables_priority).
 */
@Tag("root")
@Timeout(240)
class VrrpNoAcceptNftablesRootTest {
    private static final int PORT = 8081;
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("nft", "--version").exit() == 0, "needs nft to read the ruleset");
        dir = Files.createTempDirectory("jkd-noaccept");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(dir);
    }

    private static String master(String acceptLine, String globals) {
        return "global_defs {\n    router_id jkd_a\n" + globals + "}\n"
                + "vrrp_instance VI_1 {\n    state MASTER\n    interface jkda\n    virtual_router_id 51\n    priority 150\n"
                + "    advert_int 1\n" + acceptLine + "    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\n";
    }

    private static final String BACKUP = "global_defs {\n    router_id jkd_b\n}\n"
            + "vrrp_instance VI_1 {\n    state BACKUP\n    interface jkdb\n    virtual_router_id 51\n    priority 100\n"
            + "    advert_int 1\n    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\n";

    @Test
    void noAcceptMasterDropsTrafficToItsVipWhileVrrpGoesOn() throws Exception {
        try (var lan = new VrrpTestLan("na"); var server = new Listener(lan.a);
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, master("    no_accept\n", "    nftables\n"));
             var ka = VrrpNode.keepalived("ka", lan.b, dir, BACKUP)) {
            // what a killed run could have left: replaced at start
            lan.a.exec("nft", "add table ip keepalived; add chain ip keepalived leftover; add table ip6 keepalived");
            jk.start();
            await("jkeepalived MASTER", 30_000, () -> jk.state("VI_1").equals("MASTER"), jk);
            ka.start();
            await("keepalived BACKUP", 20_000, () -> ka.state("VI_1").equals("BACKUP"), ka);
            await("the VIP on jkda", 10_000, () -> lan.hasAddress(lan.a, "192.0.2.100"), jk);

            assertTrue(connects(lan.c, "192.0.2.1"), "the listener answers on the router's own address");
            assertFalse(connects(lan.c, "192.0.2.100"), "no_accept: the VIP must not take the connection\n"
                    + lan.a.run("nft", "list", "ruleset").out());
            Thread.sleep(4_000);        // 4 advert intervals: a BACKUP that heard nothing would have taken over
            assertEquals("BACKUP", ka.state("VI_1"), "the adverts still reach the BACKUP:\n" + ka.currentLog());
            assertEquals("MASTER", jk.state("VI_1"));
            String ruleset = lan.a.run("nft", "list", "table", "ip", "keepalived").out();
            assertTrue(ruleset.contains("elements = { 192.0.2.100 }"), ruleset);
            assertFalse(ruleset.contains("leftover"), "the leftover table was replaced:\n" + ruleset);
            assertFalse(lan.a.run("nft", "list", "tables").out().contains("ip6 keepalived"), "no IPv6 VIP, no ip6 table");
            assertTrue(jk.currentLog().contains("(VI_1) setting firewall drop rule"), jk.currentLog());
            assertFalse(jk.currentLog().contains("not implemented"), jk.currentLog());

            // a reload keeps the MASTER and its drop rule (the new run puts the VIP back in the set at once)
            Sh.run("kill", "-HUP", Long.toString(jk.pid()));
            await("the reload", 20_000, () -> jk.currentLog().contains("(VI_1) unchanged - keeping MASTER state over the reload"), jk);
            await("the VIP back in the set", 10_000, () -> lan.a.run("nft", "list", "table", "ip", "keepalived").out()
                    .contains("elements = { 192.0.2.100 }"), jk);
            assertFalse(connects(lan.c, "192.0.2.100"), "no_accept holds after the reload");
            assertEquals("BACKUP", ka.state("VI_1"), "no flap over the reload:\n" + ka.currentLog());

            assertEquals(0, jk.term());
            assertFalse(lan.a.run("nft", "list", "tables").out().contains("keepalived"), "our table goes at stop");
            assertTrue(connects(lan.c, "192.0.2.1"), "the listener still answers");
        }
    }

    @Test
    void acceptMasterTakesTrafficToItsVip() throws Exception {
        try (var lan = new VrrpTestLan("ac"); var server = new Listener(lan.a);
             var jk = VrrpNode.jkeepalived("jk", lan.a, dir, master("    accept\n", "    nftables\n"))) {
            jk.start();
            await("jkeepalived MASTER", 30_000, () -> jk.state("VI_1").equals("MASTER"), jk);
            await("the VIP on jkda", 10_000, () -> lan.hasAddress(lan.a, "192.0.2.100"), jk);
            assertTrue(connects(lan.c, "192.0.2.100"), "accept: the VIP takes the connection");
            assertFalse(lan.a.run("nft", "list", "tables").out().contains("keepalived"), "no table without no_accept");
            assertEquals(0, jk.term());
        }
    }

    /** Without an nftables line keepalived uses its default table (and says so): so do we. */
    @Test
    void rulesetHasKeepalivedsShape() throws Exception {
        String conf = "global_defs {\n    nftables_counters\n    nftables_priority -5\n}\n"
                + "vrrp_instance VI_1 {\n    state MASTER\n    interface jkda\n    virtual_router_id 51\n    priority 150\n"
                + "    advert_int 1\n    no_accept\n    virtual_ipaddress {\n        192.0.2.100/24\n    }\n"
                + "    virtual_ipaddress_excluded {\n        192.0.2.101/24\n    }\n}\n"
                + "vrrp_instance VI_6 {\n    state MASTER\n    interface jkda\n    virtual_router_id 52\n    priority 150\n"
                + "    advert_int 1\n    no_accept\n    virtual_ipaddress {\n        2001:db8::100/64\n        fe80::100/64\n    }\n}\n";
        try (var lan = new VrrpTestLan("sh")) {
            String ours;
            try (var jk = VrrpNode.jkeepalived("jk", lan.a, dir, conf)) {
                jk.start();
                await("both MASTER", 30_000, () -> jk.state("VI_1").equals("MASTER") && jk.state("VI_6").equals("MASTER"), jk);
                await("the rules", 10_000, () -> lan.a.run("nft", "list", "ruleset").out().contains("fe80::100"), jk);
                ours = lan.a.run("nft", "list", "ruleset").out();
                assertTrue(jk.currentLog().contains("use_vmac or no_accept/strict specified, but no firewall configured"
                        + " - using nftables"), jk.currentLog());
                assertEquals(0, jk.term());
            }
            assertFalse(lan.a.run("nft", "list", "tables").out().contains("keepalived"), "our tables go at stop");
            String theirs;
            try (var ka = VrrpNode.keepalived("ka", lan.a, dir, conf)) {
                ka.start();
                await("both MASTER", 30_000, () -> ka.state("VI_1").equals("MASTER") && ka.state("VI_6").equals("MASTER"), ka);
                await("the rules", 10_000, () -> lan.a.run("nft", "list", "ruleset").out().contains("fe80::100"), ka);
                theirs = lan.a.run("nft", "list", "ruleset").out();
                ka.term();
            }
            assertEquals(withoutCounts(theirs), withoutCounts(ours));
        }
    }

    private static String withoutCounts(String ruleset) {
        return ruleset.replaceAll("counter packets \\d+ bytes \\d+", "counter");
    }

    /** A TCP connect from {@code ns} with a 2 s timeout: true when the listener took it. */
    private static boolean connects(NetNs ns, String address) throws Exception {
        ExecutorService client = Executors.newSingleThreadExecutor(NsThreads.in(ns.name()));
        try {
            return client.submit(() -> {
                try (var s = new Socket()) {
                    s.connect(new InetSocketAddress(address, PORT), 2_000);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }).get(10, TimeUnit.SECONDS);
        } finally {
            client.shutdownNow();
        }
    }

    /** A TCP listener on every address of {@code ns}, port {@link #PORT}, accepting and closing. */
    private static final class Listener implements AutoCloseable {
        private final ExecutorService thread;
        private final ServerSocket[] socket = new ServerSocket[1];

        Listener(NetNs ns) throws Exception {
            thread = Executors.newSingleThreadExecutor(NsThreads.in(ns.name()));
            thread.submit(() -> {
                socket[0] = new ServerSocket(PORT);
                return null;
            }).get(10, TimeUnit.SECONDS);
            thread.submit(() -> {
                while (!socket[0].isClosed()) {
                    try (var c = socket[0].accept()) {
                        c.getOutputStream().write('x');
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
        }

        @Override
        public void close() throws IOException {
            socket[0].close();
            thread.shutdownNow();
        }
    }
}
