package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.GuestJvm;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another process deletes our IPVS services behind jkeepalived's back: {@code ipvsadm -D} of one service,
 * then {@code ipvsadm -C}. The next drift check puts them back with a log line naming the service; the other
 * service is never touched.
 */
final class DriftGuestChecks {
    private static final String NS = "jkd-lb";
    private static final String CONFIG = """
            global_defs {
                router_id drift
            }
            virtual_server 192.0.2.40 80 {
                lb_algo rr
                lb_kind NAT
                protocol TCP
                real_server 198.51.100.41 80 {
                    weight 1
                }
            }
            virtual_server 192.0.2.41 80 {
                lb_algo wrr
                lb_kind NAT
                protocol TCP
                real_server 198.51.100.42 80 {
                    weight 2
                }
            }
            """;

    private DriftGuestChecks() {
    }

    static void register(GuestChecks checks, Path out, GuestJvm jvm) {
        checks.add("drift-ipvsadm-delete-and-clear-repaired", () -> deletedServicesComeBack(out, jvm));
    }

    static void deletedServicesComeBack(Path out, GuestJvm jvm) throws Exception {
        Sh.ok("ip", "netns", "add", NS);
        try {
            // IPVS refuses a real server without a unicast route (EINVAL): a dummy LAN for them
            Sh.ok("ip", "-n", NS, "link", "add", "d0", "type", "dummy");
            Sh.ok("ip", "-n", NS, "addr", "add", "198.51.100.1/24", "dev", "d0");
            Sh.ok("ip", "-n", NS, "link", "set", "d0", "up");
            Path config = out.resolve("configs").resolve("drift.conf");
            Files.createDirectories(config.getParent());
            Files.writeString(config, CONFIG);
            Path log = out.resolve("drift.jkeepalived.log");
            try (var jk = GuestDaemon.start(GuestDaemon.Kind.JKEEPALIVED, jvm, NS, config, log, "-C")) {
                await("both services", 2, 2, log);
                Sh.ok("ip", "netns", "exec", NS, "ipvsadm", "-D", "-t", "192.0.2.40:80");
                String other = saveOf("192.0.2.41");
                await("192.0.2.40:80 put back", 2, 2, log);
                assertTrue(logged(log, "[192.0.2.40]:tcp:80") && !logged(log, "[192.0.2.41]:tcp:80"),
                        "the drift line names the deleted service only:\n" + DifferentialGuestChecks.tail(log));
                assertTrue(other.equals(saveOf("192.0.2.41")), "the other service was not touched");
                Sh.ok("ip", "netns", "exec", NS, "ipvsadm", "-C");
                await("both services after ipvsadm -C", 2, 2, log);
                assertTrue(logged(log, "[192.0.2.41]:tcp:80"), DifferentialGuestChecks.tail(log));
            }
        } finally {
            Sh.run("ip", "netns", "del", NS);
        }
    }

    private static String saveOf(String vip) {
        return IpvsTable.save(NS).lines().filter(l -> l.contains(vip)).reduce("", (a, b) -> a + b + "\n");
    }

    private static boolean logged(Path log, String service) throws java.io.IOException {
        return Files.readAllLines(log).stream().anyMatch(l -> l.contains("differs from the desired pool") && l.contains(service));
    }

    private static void await(String what, int services, int servers, Path log) throws InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        String table = "";
        while (System.nanoTime() < end) {
            table = IpvsTable.save(NS);
            if (table.lines().filter(l -> l.startsWith("-A ")).count() == services
                    && table.lines().filter(l -> l.startsWith("-a ")).count() == servers) {
                return;
            }
            Thread.sleep(200);
        }
        assertTrue(false, what + ": have\n" + table + DifferentialGuestChecks.tail(log));
    }
}
