package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.testsupport.GuestJvm;
import io.jkeepalived.testsupport.Sh;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * keepalived 2.2.7 and jkeepalived on the same configs, each alone in a network namespace of the guest (IPVS
 * tables are per namespace), both started at once: {@code ipvsadm -S -n} must be the same after start, after
 * health changes, after a reload, and empty after stop.
 */
final class DifferentialGuestChecks {
    private static final Path SAMPLES = Path.of("/work/shared/keepalived-reference/samples");
    private static final AtomicInteger SEQ = new AtomicInteger();

    private DifferentialGuestChecks() {
    }

    static void register(GuestChecks checks, Path out, GuestJvm jvm) throws IOException {
        for (String own : List.of("methods.conf", "families.conf")) {
            String text = resource(own);
            checks.add("differential-" + own, () -> compareAtStart(out, jvm, own, text));
        }
        if (Files.isDirectory(SAMPLES)) {
            try (var files = Files.list(SAMPLES)) {
                for (Path sample : files.sorted().toList()) {
                    String text = Files.readString(sample);
                    if (text.contains("virtual_server")) {
                        String name = sample.getFileName().toString().replace("keepalived.conf.", "sample-");
                        checks.add("differential-" + name, () -> compareAtStart(out, jvm, name, ConfigScrubber.withoutCheckers(text)));
                    }
                }
            }
        }
        checks.add("differential-health-and-reload", () -> healthAndReload(out, jvm));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DifferentialGuestChecks.class.getResourceAsStream("differential/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Two namespaces with lo up; removed by name in {@link Pair#close}. */
    record Pair(String ka, String jk, GuestDaemon keepalived, GuestDaemon jkeepalived) implements AutoCloseable {
        static Pair start(Path out, GuestJvm jvm, String name, Path config) throws IOException {
            int n = SEQ.incrementAndGet();
            String ka = "jkd-ka-" + n;
            String jk = "jkd-jk-" + n;
            for (String ns : List.of(ka, jk)) {
                Sh.ok("ip", "netns", "add", ns);
                Sh.ok("ip", "-n", ns, "link", "set", "lo", "up");
            }
            // -C: the health checkers and LVS only. The samples' vrrp_instances name interfaces (eth0...) and
            // addresses outside the test ranges; VRRP is compared elsewhere.
            var k = GuestDaemon.start(GuestDaemon.Kind.KEEPALIVED, jvm, ka, config, out.resolve(name + ".keepalived.log"), "-C");
            var j = GuestDaemon.start(GuestDaemon.Kind.JKEEPALIVED, jvm, jk, config, out.resolve(name + ".jkeepalived.log"), "-C");
            return new Pair(ka, jk, k, j);
        }

        /** Both tables once each has settled; fails with both tables and log tails when they differ. */
        void assertSame(String when) throws Exception {
            String a = IpvsTable.settled(ka, 3000, 240_000);
            String b = IpvsTable.settled(jk, 3000, 240_000);
            assertEquals(IpvsTable.canonical(a), IpvsTable.canonical(b), () -> when + ": keepalived (expected) vs jkeepalived"
                    + "\n--- keepalived ipvsadm -S -n\n" + a + "--- jkeepalived ipvsadm -S -n\n" + b
                    + "--- jkeepalived log tail\n" + tail(jkeepalived.log));
        }

        @Override
        public void close() throws Exception {
            try {
                keepalived.close();
                jkeepalived.close();
            } finally {
                Sh.run("ip", "netns", "del", ka);
                Sh.run("ip", "netns", "del", jk);
            }
        }
    }

    static void compareAtStart(Path out, GuestJvm jvm, String name, String config) throws Exception {
        Path file = out.resolve("configs").resolve(name + ".conf");
        Files.createDirectories(file.getParent());
        Files.writeString(file, config);
        try (var pair = Pair.start(out, jvm, name, file)) {
            pair.assertSame("after start");
            assertEquals(IpvsTable.timeouts(pair.ka), IpvsTable.timeouts(pair.jk), "lvs_timeouts");
            pair.keepalived.stop();
            pair.jkeepalived.stop();
            assertEquals(IpvsTable.save(pair.ka), IpvsTable.save(pair.jk), "after stop (both remove what they added)");
        }
    }

    /** Real servers die and return, inhibit, quorum and the sorry server, then a reload changes one weight. */
    static void healthAndReload(Path out, GuestJvm jvm) throws Exception {
        Path dir = out.resolve("health");
        Files.createDirectories(dir);
        Path config = dir.resolve("health.conf");
        String template = resource("health.conf.in").replace("@DIR@", dir.toString());
        Files.writeString(config, template.replace("@W81@", "1"));
        Path up81 = dir.resolve("up-81");
        Path up82 = dir.resolve("up-82");
        Files.writeString(up81, "");
        Files.writeString(up82, "");
        try (var pair = Pair.start(out, jvm, "health", config)) {
            pair.assertSame("both servers up");
            String before = IpvsTable.save(pair.jk);
            Files.delete(up81);
            awaitChange(pair, before);
            pair.assertSame(".81 and .83 down (quorum lost: sorry server)");
            before = IpvsTable.save(pair.jk);
            Files.writeString(up81, "");
            awaitChange(pair, before);
            pair.assertSame(".81 and .83 back");
            before = IpvsTable.save(pair.jk);
            Files.delete(up82);
            awaitChange(pair, before);
            pair.assertSame(".82 down (inhibit_on_failure: weight 0)");
            before = IpvsTable.save(pair.jk);
            Files.writeString(up82, "");
            awaitChange(pair, before);
            pair.assertSame(".82 back");
            before = IpvsTable.save(pair.jk);
            Files.writeString(config, template.replace("@W81@", "3"));
            for (var d : List.of(pair.keepalived, pair.jkeepalived)) {
                d.signal("HUP");
            }
            // a reload must not touch what did not change: .82 and the DR service stay programmed throughout
            String disturbed = awaitChangeWatching(pair.jk, before, List.of("-a -t 192.0.2.40:80 -r 198.51.100.82:80",
                    "-a -t 192.0.2.41:80 -r 198.51.100.84:80"));
            awaitChange(pair, before);
            pair.assertSame("after a reload that changes .81's weight to 3");
            assertEquals("", disturbed, "jkeepalived removed an unchanged server during the reload");
        }
    }

    /** Waits (at most 180 s) until both tables differ from {@code before}. */
    private static void awaitChange(Pair pair, String before) throws InterruptedException {
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end) {
            if (!IpvsTable.save(pair.ka).equals(before) && !IpvsTable.save(pair.jk).equals(before)) {
                return;
            }
            Thread.sleep(300);
        }
    }

    /** Like {@link #awaitChange} for one namespace; returns the first table seen without one of {@code kept}. */
    private static String awaitChangeWatching(String netns, String before, List<String> kept) throws InterruptedException {
        long end = System.nanoTime() + 180_000_000_000L;
        String missing = "";
        while (System.nanoTime() < end) {
            String now = IpvsTable.save(netns);
            if (missing.isEmpty() && kept.stream().anyMatch(k -> !now.contains(k))) {
                missing = now;
            }
            if (!now.equals(before)) {
                return missing;
            }
            Thread.sleep(100);
        }
        return missing;
    }

    static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())) + "\n";
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")\n";
        }
    }
}
