package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.GuestJvm;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The LVS sync daemon switched with the VRRP state, keepalived and jkeepalived side by side: each alone in a
 * namespace with a dummy interface, so each becomes MASTER (master sync daemon); the interface going down puts
 * the instance in FAULT (backup sync daemon). {@code ipvsadm -L --daemon} must match at each step.
 */
final class SyncDaemonGuestChecks {
    private SyncDaemonGuestChecks() {
    }

    static void register(GuestChecks checks, Path out, GuestJvm jvm) {
        for (String name : List.of("sync-global.conf", "sync-legacy.conf")) {
            checks.add("syncdaemon-" + name, () -> followsVrrp(out, jvm, name));
        }
    }

    static void followsVrrp(Path out, GuestJvm jvm, String name) throws Exception {
        Path config = out.resolve("configs").resolve(name);
        Files.createDirectories(config.getParent());
        Files.writeString(config, DifferentialGuestChecks.resource(name));
        String ka = "jks-ka-" + name.hashCode() % 1000;
        String jk = "jks-jk-" + name.hashCode() % 1000;
        try {
            for (String ns : List.of(ka, jk)) {
                Sh.ok("ip", "netns", "add", ns);
                Sh.ok("ip", "-n", ns, "link", "set", "lo", "up");
                Sh.ok("ip", "-n", ns, "link", "add", "jksync0", "type", "dummy");
                Sh.ok("ip", "-n", ns, "addr", "add", "192.0.2.1/24", "dev", "jksync0");
                // a dummy link has no MULTICAST flag; keepalived disables a VRRP instance on such a link
                Sh.ok("ip", "-n", ns, "link", "set", "jksync0", "multicast", "on", "up");
            }
            try (var k = GuestDaemon.start(GuestDaemon.Kind.KEEPALIVED, jvm, ka, config, out.resolve(name + ".keepalived.log"));
                 var j = GuestDaemon.start(GuestDaemon.Kind.JKEEPALIVED, jvm, jk, config, out.resolve(name + ".jkeepalived.log"))) {
                String master = await(ka, s -> s.startsWith("master"));
                assertTrue(master.startsWith("master sync daemon"), "keepalived: " + master);
                assertEquals(master, await(jk, s -> s.startsWith("master")), () -> "as MASTER\n" + DifferentialGuestChecks.tail(j.log));
                for (String ns : List.of(ka, jk)) {
                    Sh.ok("ip", "-n", ns, "link", "set", "jksync0", "down");
                }
                String backup = await(ka, s -> s.startsWith("backup"));
                assertTrue(backup.startsWith("backup sync daemon"), "keepalived: " + backup);
                assertEquals(backup, await(jk, s -> s.startsWith("backup")), () -> "after leaving MASTER\n" + DifferentialGuestChecks.tail(j.log));
                k.stop();
                j.stop();
                assertEquals(IpvsTable.daemons(ka), IpvsTable.daemons(jk), "after stop");
            }
        } finally {
            Sh.run("ip", "netns", "del", ka);
            Sh.run("ip", "netns", "del", jk);
        }
    }

    /** {@code ipvsadm -L --daemon} once it matches, or as it is after 240 s. */
    private static String await(String netns, Predicate<String> ok) throws InterruptedException {
        long end = System.nanoTime() + 240_000_000_000L;
        String now = IpvsTable.daemons(netns);
        while (!ok.test(now) && System.nanoTime() < end) {
            Thread.sleep(500);
            now = IpvsTable.daemons(netns);
        }
        return now;
    }
}
