package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code promote_secondaries}, keepalived 2.2.7 then jkeepalived on the same router: the sysctl is 1 while the
 * daemon runs and 0 again after it stops, and one that an operator set to 1 stays 1. (Deleting the primary
 * address then promotes the VIP instead of deleting it - the kernel's doing - but both daemons go FAULT when their
 * interface loses its address, so the test stops at the setting.)
 */
@Tag("root")
@Timeout(180)
class PromoteSecondariesRootTest {
    @Test
    void theVipSurvivesTheDeletionOfThePrimaryAddressWithBothDaemons() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        Path dir = Files.createTempDirectory("jkd-promote");
        try (var lan = new VrrpTestLan("ps")) {
            String conf = new TestConf("v3", "jkda", 100, "    promote_secondaries\n").render();
            for (boolean jkeepalived : List.of(false, true)) {
                for (String before : List.of("0", "1")) {
                    lan.a.exec("sysctl", "-qw", "net.ipv4.conf.jkda.promote_secondaries=" + before);
                    try (var node = jkeepalived ? VrrpNode.jkeepalived("jk", lan.a, dir, conf)
                            : VrrpNode.keepalived("ka", lan.a, dir, conf)) {
                        node.start();
                        await(node + " MASTER with its VIP", 60_000,
                                () -> node.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, TestConf.VIP4), node);
                        assertEquals("1", sysctl(lan), node + " sets promote_secondaries");
                        assertEquals(0, node.term());
                        assertEquals(before, sysctl(lan), node + " puts promote_secondaries back as it was");
                    }
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String sysctl(VrrpTestLan lan) {
        return lan.a.exec("sysctl", "-n", "net.ipv4.conf.jkda.promote_secondaries").trim();
    }
}
