package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code track_group}, side by side with keepalived 2.2.7 on the same VRRP group: each router has a static address
 * and a static route on a link {@code jkdt} (a veth end inside its namespace) naming {@code track_group G} (which holds VI_1). Taking that link
 * down puts the router's VI_1 in FAULT (the other becomes MASTER); bringing it up brings VI_1 back and puts the
 * static route back (the kernel dropped it with the link, keepalived's interface_up re-adds it).
 */
@Tag("root")
@Timeout(180)
class VrrpTrackGroupRootTest {
    private static final String STATICS = """
            track_group G {
                group {
                    VI_1
                }
            }
            static_ipaddress {
                198.51.100.1/24 dev jkdt track_group G
            }
            static_routes {
                198.18.7.0/24 dev jkdt track_group G
            }
            """;

    @Test
    void staticEntryInterfaceDownFaultsTheGroupAndUpRestoresIt() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-trackgroup");
        try (var lan = new VrrpTestLan("tg")) {
            for (NetNs ns : new NetNs[] {lan.a, lan.b}) {
                // a veth pair inside the router's namespace (no dummy module here); jkdt is the tracked end
                ns.exec("ip", "link", "add", "jkdt", "type", "veth", "peer", "name", "jkdu");
                ns.exec("ip", "link", "set", "jkdu", "up");
                ns.exec("ip", "link", "set", "jkdt", "up");
            }
            try (var jk = VrrpNode.jkeepalived("jk", lan.a, dir, STATICS + new TestConf("v3", "jkda", 100, "").render());
                 var ka = VrrpNode.keepalived("ka", lan.b, dir, STATICS + new TestConf("v3", "jkdb", 150, "").render())) {
                ka.start();
                jk.start();
                await("keepalived (150) MASTER, jkeepalived (100) BACKUP", 40_000,
                        () -> ka.state("VI_1").equals("MASTER") && jk.state("VI_1").equals("BACKUP"), jk, ka);
                await("both have their statics", 5_000, () -> staticsPresent(lan.a) && staticsPresent(lan.b), jk, ka);
                assertFalse(jk.currentLog().contains("is not supported by jkeepalived"), jk.currentLog());

                // keepalived's tracked link down: its VI_1 FAULTs, jkeepalived takes over
                lan.b.exec("ip", "link", "set", "jkdt", "down");
                await("keepalived FAULT, jkeepalived MASTER", 10_000,
                        () -> ka.state("VI_1").equals("FAULT") && jk.state("VI_1").equals("MASTER"), jk, ka);
                lan.b.exec("ip", "link", "set", "jkdt", "up");
                await("keepalived back to MASTER with its static route", 20_000,
                        () -> ka.state("VI_1").equals("MASTER") && jk.state("VI_1").equals("BACKUP")
                                && staticsPresent(lan.b), jk, ka);

                // the same on jkeepalived's side, as MASTER (keepalived stopped)
                assertEquals(0, ka.term());
                await("jkeepalived MASTER", 10_000, () -> jk.state("VI_1").equals("MASTER"), jk);
                lan.a.exec("ip", "link", "set", "jkdt", "down");
                await("jkeepalived FAULT, its VIP gone", 10_000,
                        () -> jk.state("VI_1").equals("FAULT") && !lan.hasAddress(lan.a, TestConf.VIP4), jk);
                assertFalse(lan.a.exec("ip", "-4", "route", "show").contains("198.18.7.0/24"),
                        "the kernel dropped the static route with its link");
                lan.a.exec("ip", "link", "set", "jkdt", "up");
                await("jkeepalived MASTER again, its static route restored", 10_000,
                        () -> jk.state("VI_1").equals("MASTER") && staticsPresent(lan.a), jk);
                assertTrue(jk.currentLog().contains("Restoring deleted static route"), jk.currentLog());
                assertEquals(0, jk.term());
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static boolean staticsPresent(NetNs ns) {
        return ns.exec("ip", "-4", "route", "show").contains("198.18.7.0/24 dev jkdt proto keepalived")
                && ns.exec("ip", "-4", "addr", "show", "dev", "jkdt").contains("inet 198.51.100.1/24");
    }
}
