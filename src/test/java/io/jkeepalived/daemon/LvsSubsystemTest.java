package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.adapters.lvs.NftablesDataPlane;
import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.common.Log;
import io.jkeepalived.lifecycle.Subsystem;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.NsThreads;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker subsystem as the daemon makes it ({@code --lvs-backend=nftables}, {@code -I}), in a namespace:
 * the choice is logged once, the pool is programmed, a reload that changes one weight edits it in place
 * (the unchanged server's chain keeps its rule handle and counter), stop removes our services.
 * MISC_CHECK /bin/true is the health, so no servers are needed.
 */
@Tag("root")
class LvsSubsystemTest {
    static final String CHAIN = "v_tcp_192_0_2_100_80";

    @TempDir
    Path dir;
    NetNs ns;
    final List<String> log = new CopyOnWriteArrayList<>();
    java.util.concurrent.ExecutorService inNs;

    @BeforeEach
    void setUp() {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        assumeTrue(NftablesDataPlane.unavailable().isEmpty(), "libnftables");
        ns = NetNs.create("jks", "lvs");
        inNs = Executors.newSingleThreadExecutor(NsThreads.in(ns.name()));
    }

    @AfterEach
    void tearDown() {
        if (inNs != null) {
            inNs.shutdownNow();
        }
        if (ns != null) {
            ns.close();
        }
    }

    KeepalivedConfig config(String name, int weight12) throws Exception {
        var file = dir.resolve(name);
        Files.writeString(file, """
                virtual_server 192.0.2.100 80 {
                  delay_loop 1
                  lb_algo wlc
                  lb_kind NAT
                  protocol TCP
                  real_server 198.51.100.11 80 {
                    weight 1
                    MISC_CHECK {
                      misc_path /bin/true
                    }
                  }
                  real_server 198.51.100.12 80 {
                    weight %d
                    MISC_CHECK {
                      misc_path /bin/true
                    }
                  }
                }
                """.formatted(weight12));
        return ConfigTest.load(file, null, false, new DiagnosticSink());
    }

    RunOptions options(boolean dontReleaseIpvs) {
        return new RunOptions(dir.resolve("k.conf"), false, true, false, false, true, false, "daemon", Optional.empty(), true,
                OptionalInt.empty(), false, false, dontReleaseIpvs, true, false, Optional.of(dir.resolve("k.pid")), Optional.of(dir.resolve("v.pid")),
                Optional.of(dir.resolve("c.pid")), Optional.of(dir.resolve("b.pid")), false, false, "", Optional.of("nftables"));
    }

    interface Step {
        void run() throws Exception;
    }

    void inNamespace(Step step) throws Exception {
        inNs.submit(() -> {
            step.run();
            return null;
        }).get();
    }

    @Test
    void programsReloadsInPlaceAndCleansUp() throws Exception {
        Log sink = (level, message) -> log.add(message);
        var subsystem = Subsystems.checker().create(config("a.conf", 1), options(false), sink).orElseThrow();
        inNamespace(subsystem::start);
        Subsystem s = subsystem;
        try {
            Await.until(Duration.ofSeconds(15), "both servers programmed\n" + log, () -> ns.run("nft", "list", "set", "inet",
                    "jkeepalived", CHAIN + "_live").out().contains("198.51.100.12,80 w=1"));
            assertEquals(1, log.stream().filter(l -> l.startsWith("LVS data plane: nftables (forced by --lvs-backend=nftables)")).count(),
                    log.toString());
            assertTrue(log.stream().anyMatch(l -> l.contains("wlc needs live connection counts")), log.toString());
            String r1 = ns.exec("nft", "-a", "list", "chain", "inet", "jkeepalived", CHAIN + "_r1");

            var reloaded = config("b.conf", 3);
            inNamespace(() -> s.reload(reloaded));
            Await.until(Duration.ofSeconds(15), "weight 3 in place\n" + log, () -> ns.run("nft", "list", "set", "inet",
                    "jkeepalived", CHAIN + "_live").out().contains("198.51.100.12,80 w=3"));
            assertEquals(r1, ns.exec("nft", "-a", "list", "chain", "inet", "jkeepalived", CHAIN + "_r1"),
                    "the unchanged server's chain is not touched by the reload");
            assertTrue(ns.exec("nft", "list", "chain", "inet", "jkeepalived", CHAIN).contains("numgen inc mod 128 map @" + CHAIN + "_slots"),
                    "the selection keeps its modulus: a weight change refills the slots");
            var data = new StringBuilder();
            s.writeData(data);
            assertTrue(data.toString().contains("TCP  192.0.2.100:80 wlc\n  -> 198.51.100.11:80"), data.toString());
            assertTrue(data.toString().contains("  -> 198.51.100.12:80             Masq    3"), data.toString());
            var stats = new StringBuilder();
            s.writeStats(stats);
            assertTrue(stats.toString().contains("  -> 198.51.100.12:80"), stats.toString());
        } finally {
            inNamespace(s::stop);
        }
        assertFalse(ns.exec("nft", "list", "ruleset").contains(CHAIN), "stop removes what we added");
    }

    @Test
    void dontReleaseIpvsLeavesThePool() throws Exception {
        Log sink = (level, message) -> log.add(message);
        var subsystem = Subsystems.checker().create(config("a.conf", 1), options(true), sink).orElseThrow();
        inNamespace(subsystem::start);
        Await.until(Duration.ofSeconds(15), "programmed\n" + log, () -> ns.run("nft", "list", "ruleset").out().contains(CHAIN + "_r2"));
        inNamespace(subsystem::stop);
        assertTrue(ns.exec("nft", "list", "ruleset").contains(CHAIN + "_r2"), "-I: the kernel keeps the pool");
    }
}
