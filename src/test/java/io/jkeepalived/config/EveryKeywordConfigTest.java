package io.jkeepalived.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.config.build.ConfigBuilder;
import io.jkeepalived.config.build.HostInterfaces;
import io.jkeepalived.config.build.KeywordStatus;
import io.jkeepalived.config.build.KeywordStatuses;
import io.jkeepalived.config.build.ScriptFinder;
import io.jkeepalived.config.keywords.KeywordDef;
import io.jkeepalived.config.keywords.KeywordRegistry;
import io.jkeepalived.config.lex.ConfigReader;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.TlsCert;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's acceptance check: a configuration using every keyword row of keepalived's index
 * (KEYWORDS.md in the reference folder) is read, checked and started, and each keyword the tables mark
 * {@code unsupported} is named once per line, in {@code -t} and in the daemon's log. The expected warnings
 * come from the keyword tables at test time ({@link KeywordStatuses}), so rows moving to {@code applied}
 * keep the test right.
 */
class EveryKeywordConfigTest {
    private static final String RESOURCE = "/io/jkeepalived/config/every-keyword.conf";
    /** The interfaces the root test makes: two veth pairs, both ends in the test's namespace. */
    private static final Set<String> INTERFACES = Set.of("lo", "eth0", "eth0p", "eth1", "eth1p");
    /**
     * The only findings that may change {@code -t}'s exit code: what keepalived 2.2.7 itself says about this
     * configuration's keywords that it knows ({@code keepalived -t} on it, in a namespace with its interfaces),
     * mostly deprecations - the configuration has to use those keywords to cover their rows. (keepalived's
     * "Unknown keyword" for rows newer than 2.2.7, and its "No VIP specified" for VI_2 that follows from not
     * knowing auth_hmac, are left out: we know those rows.)
     */
    private static final Set<String> KEEPALIVED_FINDINGS = Set.of(
            "(VI_2) Specifying lvs_sync_daemon_interface against a vrrp is deprecated.",
            "        Please use global lvs_sync_daemon",
            "(VI_2) lvs_sync_daemon_interface has already been specified as eth1 - ignoring",
            "nb_get_retry is deprecated - please use 'retry'",
            "iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with"
                    + " 'nftables' config option",
            "Unknown keyword 'vrrp_ipsets'",
            "nftables already specified - ignoring",
            "(VI_2) Cannot specify VRF interface and interface - ignoring",
            "(VI_2) unicast with use_vmac requires vmac_xmit_base - setting",
            // keepalived says it too once VI_2's auth_hmac block (unknown to 2.2.7) is taken out
            "(VI_2) IPv4 ipvlan requires a source ip address to be configured. setting instance to fault state",
            "(VI_1) 'linkbeat_use_polling' in vrrp instance deprecated - use linkbeat_interfaces block",
            "(SG_1) global_tracking is deprecated. Use track_interface/script/file on the sync group",
            "Keyword \"vrrp_vmac_garp_intvl\" is deprecated - please use \"vrrp_garp_extra_if\"",
            "Keyword \"vmac_garp_intvl\" is deprecated - please use \"garp_extra_if\"");

    @TempDir
    Path dir;

    /** One keyword line of the configuration, with the block kind it sits in and its registry row. */
    private record Line(String kind, KeywordDef def, ConfigNode node) {
    }

    @Test
    void everyRowOfTheKeywordIndexIsUsed() throws IOException {
        var rows = indexRows();
        var seen = new TreeSet<String>();
        var unknown = new ArrayList<String>();
        for (var line : lines(parse(materialize("unused-namespace")), unknown)) {
            seen.add(heading(line.def()) + " | " + line.def().keyword());
        }
        assertEquals(List.of(), unknown, "lines of every-keyword.conf keepalived's tables do not know there");
        var missing = new TreeSet<>(rows);
        missing.removeAll(seen);
        assertEquals(new TreeSet<String>(), missing, "rows of KEYWORDS.md that every-keyword.conf does not use");
    }

    @Test
    void configTestNamesEachUnsupportedKeywordOncePerLine() throws IOException {
        var conf = materialize("unused-namespace");
        var sink = new DiagnosticSink();
        var parsed = ConfigReader.read(conf, new ConfigReader.Options("every-keyword", false));
        parsed.diagnostics().forEach(sink::report);
        new ConfigBuilder(sink, HostInterfaces.of(INTERFACES), ScriptFinder.system()).build(parsed.roots());

        var unsupported = sink.findings().stream().filter(d -> d.severity() == Severity.UNSUPPORTED)
                .map(Diagnostic::format).sorted().toList();
        assertEquals(expectedWarnings(parsed.roots()), unsupported);
        var others = errorClass(sink.findings());
        assertEquals(List.of(), others.stream().filter(m -> !KEEPALIVED_FINDINGS.contains(m)).toList(),
                "findings that change -t's exit code, beyond keepalived's own; all of them: " + others);
    }

    /**
     * The real daemon, as root in a namespace of its own with the interfaces the configuration names: it starts,
     * VRRP instances enter a state, the checkers run, every unsupported keyword is named once per line in the log
     * (and nowhere else), it is still running a few seconds later, and SIGTERM stops it cleanly.
     */
    @Test
    @Tag("root")
    @Timeout(300)
    void theDaemonStartsAndNamesEachUnsupportedKeywordOnce() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        Process daemon = null;
        Path log = dir.resolve("daemon.log");
        try (var ns = NetNs.create("ek", "every")) {
            ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0p");
            ns.exec("ip", "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
            for (var ifname : List.of("eth0", "eth0p", "eth1", "eth1p")) {
                ns.exec("ip", "link", "set", ifname, "up");
            }
            ns.addr("eth0", "192.0.2.1/24").addr("eth1", "198.51.100.1/24");
            ns.exec("ip", "addr", "add", "2001:db8::1/64", "dev", "eth1", "nodad");
            var conf = materialize(ns.name());
            var roots = parse(conf);
            var expected = expectedWarnings(roots);

            // -t through the real command line, inside the namespace (its interfaces and net_namespace exist)
            var test = Sh.run(ns.inside(jkeepalived("-t", "-f", conf.toString()).toArray(String[]::new)), 120);
            assertEquals(5, test.exit(), "keepalived exits 5 for its deprecation warnings too:\n" + test.out());
            var testLines = test.out().lines().toList();
            assertEquals(expected, testLines.stream().filter(l -> l.contains(" is not supported by jkeepalived ("))
                    .sorted().toList(), test.out());
            assertEquals(List.of(), testLines.stream().filter(l -> !l.contains(" is not supported by jkeepalived ("))
                    .map(EveryKeywordConfigTest::errorClassMessage).flatMap(java.util.Optional::stream)
                    .filter(m -> !KEEPALIVED_FINDINGS.contains(m)).toList(), test.out());

            var cmd = jkeepalived("-n", "-l", "-D", "-G", "-f", conf.toString(), "-p", dir.resolve("ek.pid").toString(),
                    "-r", dir.resolve("ek-vrrp.pid").toString(), "-c", dir.resolve("ek-checkers.pid").toString());
            // ip netns exec execs the JVM: this pid is the daemon's
            daemon = new ProcessBuilder(ns.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!(read(log).contains("(VI_1) Entering ") && read(log).contains("healthchecker for service"))
                    && daemon.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(daemon.isAlive(), "the daemon exited:\n" + read(log));
            assertTrue(read(log).contains("(VI_1) Entering "), "VRRP never entered a state:\n" + read(log));
            assertTrue(read(log).contains("healthchecker for service"), "the checkers never ran:\n" + read(log));
            Thread.sleep(4000);
            assertTrue(daemon.isAlive(), "the daemon died after starting:\n" + read(log));

            var text = read(log);
            for (var warning : expected) {
                assertEquals(1, text.lines().filter(l -> l.endsWith(warning)).count(), warning + " in\n" + text);
            }
            for (var byKeyword : expectedPerKeyword(roots).entrySet()) {
                var named = Pattern.compile("(^|[^A-Za-z0-9_-])" + Pattern.quote(byKeyword.getKey())
                        + " is not supported by jkeepalived");
                assertEquals(byKeyword.getValue().longValue(), text.lines().filter(l -> named.matcher(l).find()).count(),
                        byKeyword.getKey() + " named once per line, and nowhere else:\n" + text);
            }
            assertFalse(text.contains("no longer running - restarting it"), text);
            assertFalse(text.contains("Exception"), text);

            daemon.destroy(); // SIGTERM
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "no stop within 60 s of SIGTERM:\n" + read(log));
            assertEquals(0, daemon.exitValue(), read(log));
            assertTrue(read(log).contains("Stopped Keepalived"), read(log));
        } finally {
            if (daemon != null && daemon.isAlive()) {
                daemon.destroyForcibly();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * README's "Every keyword takes effect or is named" gives the number of rows per status and, per reason, the
     * unsupported keywords: it must say what the tables say ({@code --dump-keywords} prints the same statuses).
     */
    @Test
    void readmeCountsTheUnsupportedRowsWithTheirReasons() throws IOException {
        var readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Every keyword takes effect or is named");
        assertTrue(start >= 0, "README section missing");
        int end = readme.indexOf("\n## ", start + 3);
        var section = readme.substring(start, end < 0 ? readme.length() : end);

        var counts = new TreeMap<String, Integer>();
        var byReason = new TreeMap<String, List<String>>();
        for (var row : KeywordRegistry.all()) {
            var status = KeywordStatuses.of(row).orElseThrow(() -> new AssertionError("no status: " + row));
            counts.merge(switch (status) {
                case KeywordStatus.Applied a -> "applied";
                case KeywordStatus.ConfigOnly c -> "config-only";
                case KeywordStatus.Unsupported u -> "unsupported";
            }, 1, Integer::sum);
            if (status instanceof KeywordStatus.Unsupported u) {
                byReason.computeIfAbsent(u.reason(), r -> new ArrayList<>()).add(row.keyword());
            }
        }
        var expectedTotals = "Of " + KeywordRegistry.all().size() + " rows: **" + counts.getOrDefault("applied", 0)
                + " applied, " + counts.getOrDefault("config-only", 0) + " config-only, "
                + counts.getOrDefault("unsupported", 0) + " unsupported**";
        assertTrue(section.contains(expectedTotals), "README should say: " + expectedTotals);

        var listed = new TreeMap<String, List<String>>();
        var bullet = Pattern.compile("(?m)^- \\*\\*(.+?)\\*\\* \\((\\d+)\\): (.*)$");
        var word = Pattern.compile("`([^`]+)`");
        var m = bullet.matcher(section);
        while (m.find()) {
            var keywords = new ArrayList<String>();
            var w = word.matcher(m.group(3));
            while (w.find()) {
                keywords.add(w.group(1));
            }
            assertEquals(Integer.parseInt(m.group(2)), keywords.size(), "count of " + m.group(1) + " in README");
            listed.put(m.group(1), keywords.stream().sorted().toList());
        }
        var expected = new TreeMap<String, List<String>>();
        byReason.forEach((reason, keywords) -> expected.put(reason, keywords.stream().sorted().toList()));
        assertEquals(expected, listed, "README's unsupported keywords by reason");
    }

    /** Every (heading, keyword) row of KEYWORDS.md, as {@code "vrrp_instance > authentication | auth_type"}. */
    private static Set<String> indexRows() throws IOException {
        var text = Files.readAllLines(Reference.dir().resolve("KEYWORDS.md"));
        var rows = new TreeSet<String>();
        int stated = -1;
        String heading = null;
        int count = 0;
        var statedCount = Pattern.compile("^(\\d+) \\(block, keyword\\) rows");
        for (var line : text) {
            var m = statedCount.matcher(line);
            if (m.find()) {
                stated = Integer.parseInt(m.group(1));
            } else if (line.startsWith("### `")) {
                heading = line.substring(5, line.indexOf('`', 5));
            } else if (heading != null && line.startsWith("| `")) {
                rows.add(heading + " | " + line.substring(3, line.indexOf('`', 3)));
                count++;
            }
        }
        assertEquals(stated, count, "rows read from KEYWORDS.md");
        assertEquals(count, rows.size(), "duplicate rows in KEYWORDS.md");
        return rows;
    }

    /** The KEYWORDS.md heading a registry row is listed under. */
    private static String heading(KeywordDef d) {
        return switch (d.block()) {
            case "authentication", "auth_hmac" -> "vrrp_instance > " + d.block();
            case "real_server" -> KeywordRegistry.CHECKERS.contains(d.keyword()) ? "real_server (checker blocks)"
                    : "virtual_server > real_server";
            case "checker" -> "checker common";
            case "HTTP_GET" -> "HTTP_GET / SSL_GET";
            case "url" -> "HTTP_GET / SSL_GET > url";
            default -> d.block();
        };
    }

    /** The keyword lines of the configuration, found as the validator finds them (list entries are not keywords). */
    private static List<Line> lines(List<ConfigNode> roots, List<String> unknown) {
        var out = new ArrayList<Line>();
        walk("ROOT", roots, out, unknown);
        return out;
    }

    private static void walk(String kind, List<ConfigNode> nodes, List<Line> out, List<String> unknown) {
        for (var node : nodes) {
            var def = KeywordRegistry.get().lookup(kind, node.name());
            if (def.isEmpty()) {
                unknown.add(node.pos() + ": " + node.name() + " in " + kind);
                continue;
            }
            out.add(new Line(kind, def.get(), node));
            if (def.get().opens() == KeywordDef.Opens.BLOCK) {
                walk(KeywordRegistry.childKind(kind, node.name()), node.children(), out, unknown);
            }
        }
    }

    /**
     * The warnings the tables give for these lines, sorted: one per line whose keyword is unsupported where it
     * stands. Lines of a block its opener reads (authentication, auth_hmac, track_group, BFD_CHECK) are named by
     * the opener's line only; such a block answers a status for any keyword, which is how it is told apart.
     */
    private static List<String> expectedWarnings(List<ConfigNode> roots) {
        var out = new ArrayList<String>();
        for (var line : unsupportedLines(roots)) {
            var status = (KeywordStatus.Unsupported) KeywordStatuses.of(line.kind(), line.node().name()).orElseThrow();
            out.add(line.node().pos() + ": warning: " + KeywordStatus.notSupported(line.node().name(), status));
        }
        out.sort(null);
        return out;
    }

    private static TreeMap<String, Long> expectedPerKeyword(List<ConfigNode> roots) {
        var out = new TreeMap<String, Long>();
        for (var line : unsupportedLines(roots)) {
            out.merge(line.node().name(), 1L, Long::sum);
        }
        return out;
    }

    private static List<Line> unsupportedLines(List<ConfigNode> roots) {
        var unknown = new ArrayList<String>();
        var out = lines(roots, unknown).stream()
                .filter(l -> KeywordStatuses.of(l.kind(), "\u0000 not a keyword").isEmpty())
                .filter(l -> KeywordStatuses.of(l.kind(), l.node().name()).orElse(null) instanceof KeywordStatus.Unsupported)
                .toList();
        assertEquals(List.of(), unknown);
        return out;
    }

    /** The findings that change {@code -t}'s exit code, as their messages. */
    private static List<String> errorClass(List<Diagnostic> findings) {
        return findings.stream().filter(d -> d.severity() != Severity.UNSUPPORTED && d.severity() != Severity.INFO)
                .map(Diagnostic::message).toList();
    }

    /** The message of a {@code -t} output line that changes the exit code ({@code FILE:L:C: error: MESSAGE}). */
    private static java.util.Optional<String> errorClassMessage(String line) {
        for (var label : List.of("fatal", "cannot run", "security", "error", "warning")) {
            int i = line.indexOf(": " + label + ": ");
            if (i >= 0) {
                return java.util.Optional.of(line.substring(i + label.length() + 4));
            }
        }
        return java.util.Optional.empty();
    }

    private static List<ConfigNode> parse(Path conf) {
        var parsed = ConfigReader.read(conf, new ConfigReader.Options("every-keyword", false));
        assertTrue(parsed.diagnostics().stream().noneMatch(d -> d.severity() == Severity.FATAL), parsed.diagnostics()
                .toString());
        return parsed.roots();
    }

    /**
     * The configuration with its placeholders filled in, and the files it names: the tracked files (value 0), a
     * self-signed certificate for the SSL block (openssl, as the other TLS tests make theirs).
     */
    private Path materialize(String namespace) throws IOException {
        String text;
        try (InputStream in = EveryKeywordConfigTest.class.getResourceAsStream(RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("track.file"), "0\n");
        Files.writeString(dir.resolve("track2.file"), "0\n");
        if (Sh.run("sh", "-c", "command -v openssl").exit() == 0) {
            var cert = TlsCert.selfSigned(dir, "ek", "www.example.com");
            Files.copy(cert.certificate(), dir.resolve("cert.pem"));
            Files.copy(cert.certificate(), dir.resolve("ca.pem"));
            Files.copy(cert.key(), dir.resolve("key.pem"));
        }
        var conf = dir.resolve("every-keyword.conf");
        Files.writeString(conf, text.replace("@DIR@", dir.toString()).replace("@NETNS@", namespace));
        return conf;
    }

    /** jkeepalived on the JDK running the tests, with the test class path (target/classes and the dependencies). */
    private static List<String> jkeepalived(String... args) {
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.jkeepalived.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
