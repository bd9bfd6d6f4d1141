package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VRRPv2 {@code auth_type AH} through the real daemon: jkeepalived ({@code io.jkeepalived.Main -P -n -l -G}) and
 * Debian's keepalived 2.2.7, or two jkeepalived, as processes in two namespaces joined by a veth pair. The
 * router with priority 150 wins whichever implementation it is (so each accepted the other's AH adverts: ICV,
 * SPI, sequence), the VIP moves to the other on a graceful stop (priority 0 in AH), and moves back when the
 * higher one returns (the replay guard lets a restarted sender's sequence through as keepalived does). Neither
 * log has an authentication error, and jkeepalived's sockpool line shows its protocol 51 socket.
 */
@Tag("root")
@Timeout(240)
class VrrpDaemonAhRootTest {
    private static final String VIP = "192.0.2.100";
    /** 9 characters: both implementations keep the first 8 (and say so). */
    private static final String PASSWORD = "jkaSecret";
    private static final String[] AUTH_ERRORS = {"IPSEC", "AH header", "auth type", "authentication", "bad password",
            "send advert error", "receive error"};

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        dir = Files.createTempDirectory("jka-ah");
    }

    @AfterEach
    void tearDown() throws Exception {
        // daemons first (by pid), then the namespaces (by name; that removes the veth pair)
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception e) {
                // keep removing the rest
            }
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    @ParameterizedTest(name = "{0} (150) vs {1} (100), {2}")
    @CsvSource({"jkeepalived,keepalived,multicast", "keepalived,jkeepalived,multicast", "jkeepalived,jkeepalived,multicast",
            "jkeepalived,keepalived,unicast", "keepalived,jkeepalived,unicast"})
    void higherPriorityWinsVipMovesAndBack(String higher, String lower, String mode) throws Exception {
        boolean unicast = mode.equals("unicast");
        if (higher.equals("keepalived") || lower.equals("keepalived")) {
            assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        }
        String tag = higher.charAt(0) + "" + lower.charAt(0) + mode.charAt(0);
        NetNs a = track(NetNs.create("jka", tag + "a"));
        NetNs b = track(NetNs.create("jka", tag + "b"));
        vethPair(a, b);
        VrrpNode hi = track(node(higher, "hi", a, config("jkaa", 150, PASSWORD, unicast ? unicast(1, 2) : "")));
        VrrpNode lo = track(node(lower, "lo", b, config("jkab", 100, PASSWORD, unicast ? unicast(2, 1) : "")));

        lo.start();
        hi.start();
        await(higher + " (150) MASTER with the VIP, " + lower + " (100) BACKUP", 40_000,
                () -> hi.state("VI_1").equals("MASTER") && hasVip(a, "jkaa")
                        && lo.state("VI_1").equals("BACKUP") && !hasVip(b, "jkab"), hi, lo);
        // the backup stays backup: it keeps accepting the master's AH adverts
        long stableUntil = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < stableUntil) {
            assertEquals("BACKUP", lo.state("VI_1"), () -> "backup left BACKUP\n" + lo.currentLog() + "\n" + hi.currentLog());
            Thread.sleep(100);
        }
        for (VrrpNode n : List.of(hi, lo)) {
            if (n.jkeepalived) {
                assertTrue(n.currentLog().lines().anyMatch(l -> l.contains("VRRP sockpool") && l.contains("proto(51)")
                        && l.contains(unicast ? " unicast, src_ip=" : " multicast, address(224.0.0.18)")),
                        () -> "jkeepalived's AH socket:\n" + n.currentLog());
            }
        }

        long t0 = System.nanoTime();
        assertEquals(0, hi.term(), "graceful stop of " + hi);
        await(lower + " takes over after the graceful stop", 5_000,
                () -> lo.state("VI_1").equals("MASTER") && hasVip(b, "jkab") && !hasVip(a, "jkaa"), lo, hi);
        System.out.printf("[vrrpah] AH %s: %s (150) vs %s (100): takeover after SIGTERM %d ms%n", mode, higher, lower,
                (System.nanoTime() - t0) / 1_000_000);

        hi.start();
        await(higher + " preempts back", 40_000,
                () -> hi.state("VI_1").equals("MASTER") && hasVip(a, "jkaa")
                        && lo.state("VI_1").equals("BACKUP") && !hasVip(b, "jkab"), hi, lo);
        assertTrue(lo.currentLog().contains("with higher priority 150, ours 100"), lo.currentLog());

        for (VrrpNode n : List.of(hi, lo)) {
            String log = n.log();
            for (String bad : AUTH_ERRORS) {
                assertTrue(log.lines().noneMatch(l -> l.contains(bad) && !l.contains("Syncing seq_num") && !crossedAdvert(l)),
                        () -> n.name + " (" + kind(n) + ") logged '" + bad + "':\n" + log);
            }
            assertTrue(log.lines().filter(VrrpDaemonAhRootTest::crossedAdvert).count() <= 4,
                    () -> n.name + " (" + kind(n) + ") dropped more crossed adverts than two takeovers explain:\n" + log);
        }
    }

    private static final java.util.regex.Pattern SAME_SEQUENCE =
            java.util.regex.Pattern.compile(".*IPSEC-AH : sequence number (\\d+) already processed\\. Packet dropped\\. Local\\((\\d+)\\)");

    /**
     * At a takeover both routers may send the next sequence number at once (the new master's timer fired while the
     * old master's advert was on its way), and each then drops the other's advert as a replay, keepalived as we do:
     * the same number on both sides of the line. A guard that refused a restarted sender would drop every advert,
     * with a lower number than its own.
     */
    private static boolean crossedAdvert(String line) {
        var m = SAME_SEQUENCE.matcher(line);
        return m.matches() && m.group(1).equals(m.group(2));
    }

    /**
     * The test can fail: with different passwords each side rejects the other's ICV with keepalived's words,
     * so both become MASTER and hold the VIP.
     */
    @ParameterizedTest(name = "{0} (150) vs {1} (100), different passwords")
    @CsvSource({"jkeepalived,keepalived"})
    void wrongPasswordIsRejectedBothWays(String higher, String lower) throws Exception {
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        NetNs a = track(NetNs.create("jka", "wpa"));
        NetNs b = track(NetNs.create("jka", "wpb"));
        vethPair(a, b);
        VrrpNode hi = track(node(higher, "hi", a, config("jkaa", 150, PASSWORD, "")));
        VrrpNode lo = track(node(lower, "lo", b, config("jkab", 100, "otherpw", "")));
        lo.start();
        hi.start();
        String icvError = "IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !";
        await("both MASTER with the VIP, each rejecting the other's ICV", 40_000,
                () -> hi.state("VI_1").equals("MASTER") && lo.state("VI_1").equals("MASTER")
                        && hasVip(a, "jkaa") && hasVip(b, "jkab")
                        && hi.currentLog().contains(icvError) && lo.currentLog().contains(icvError), hi, lo);
    }

    private static void vethPair(NetNs a, NetNs b) {
        a.veth("jkaa", b, "jkab");
        a.addr("jkaa", "192.0.2.1/24");
        b.addr("jkab", "192.0.2.2/24");
    }

    private <T extends AutoCloseable> T track(T c) {
        cleanup.add(c);
        return c;
    }

    private VrrpNode node(String kind, String name, NetNs ns, String config) throws Exception {
        return kind.equals("jkeepalived") ? VrrpNode.jkeepalived(name, ns, dir, config) : VrrpNode.keepalived(name, ns, dir, config);
    }

    private static String kind(VrrpNode n) {
        return n.jkeepalived ? "jkeepalived" : "keepalived";
    }

    private static boolean hasVip(NetNs ns, String ifname) {
        return Sh.run(ns.inside("ip", "-4", "addr", "show", "dev", ifname), 10).out().contains(VIP + "/");
    }

    private static String unicast(int self, int peer) {
        return "    unicast_src_ip 192.0.2." + self + "\n    unicast_peer {\n        192.0.2." + peer + "\n    }\n";
    }

    private static String config(String ifname, int priority, String password, String extra) {
        return "global_defs {\n    router_id jka_" + ifname + "\n}\n"
                + "vrrp_instance VI_1 {\n"
                + "    state BACKUP\n"
                + "    interface " + ifname + "\n"
                + "    virtual_router_id 52\n"
                + "    priority " + priority + "\n"
                + "    advert_int 1\n"
                + "    authentication {\n        auth_type AH\n        auth_pass " + password + "\n    }\n"
                + extra
                + "    virtual_ipaddress {\n        " + VIP + "/24\n    }\n"
                + "}\n";
    }
}
