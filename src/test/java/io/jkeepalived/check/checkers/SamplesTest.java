package io.jkeepalived.check.checkers;

import io.jkeepalived.adapters.check.IcmpEchoProbe;
import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.check.plan.CheckerBinding;
import io.jkeepalived.check.runtime.CheckerDaemon;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.common.Log;
import io.jkeepalived.testsupport.Nginx;
import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.SmtpServer;
import io.jkeepalived.testsupport.TestServers;
import io.jkeepalived.testsupport.TlsCert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * keepalived's sample configurations for the protocol checkers, parsed by our config reader with every
 * IPv4 address rewritten into a test namespace (and the sample's page digests replaced by the digests of
 * the pages our nginx serves), then each configured checker built by the factory from its spec and run
 * against real servers: every real server reaches the state the sample means.
 */
@Tag("root")
class SamplesTest {
    private static final Pattern IPV4 = Pattern.compile("\\b(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static ServerNet net;
    private static Nginx nginx;
    private static String rootMd5;
    private static String mrtgMd5;
    private static String vhostRootMd5;
    private static String vhostMrtgMd5;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        net = ServerNet.create("jkp", "s");
        nginx = Nginx.start(net, "nginx", TlsCert.selfSigned(net.dir(), "srv", "www.firewall.loc"));
        rootMd5 = md5(nginx.webRoot().resolve("index.html"));
        mrtgMd5 = md5(nginx.webRoot().resolve("mrtg/index.html"));
        vhostRootMd5 = md5(nginx.webRoot().resolveSibling("www-vhost/index.html"));
        vhostMrtgMd5 = md5(nginx.webRoot().resolveSibling("www-vhost/mrtg/index.html"));
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }

    static Path reference() {
        String p = System.getProperty("jkeepalived.reference", "");
        Path path = Path.of(p);
        return Files.isDirectory(path) ? path : Path.of("/work/shared/keepalived-reference");
    }

    /** The sample's text with addresses and words replaced; unknown IPv4 addresses get fresh namespace addresses. */
    static Path rewrite(String sample, Map<String, InetAddress> addresses, Map<String, String> words) throws IOException {
        String text = Files.readString(reference().resolve("samples").resolve(sample));
        for (var w : words.entrySet()) {
            text = text.replace(w.getKey(), w.getValue());
        }
        Matcher m = IPV4.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            var a = addresses.computeIfAbsent(m.group(1), k -> net.newServerAddress());
            m.appendReplacement(out, a.getHostAddress());
        }
        m.appendTail(out);
        Path file = net.dir().resolve(sample);
        Files.writeString(file, out.toString());
        return file;
    }

    record Loaded(KeepalivedConfig config, List<CheckerBinding> bindings, CheckerFactory factory, ProtoCheckers protocols,
                  List<String> warnings) implements AutoCloseable {
        CheckResult check(String realServerAddress, int port) {
            var b = bindings.stream().filter(x -> x.realServer().address().getHostAddress().equals(realServerAddress)
                    && x.realServer().port() == port).findFirst().orElseThrow(() -> new AssertionError(
                    "no checker for " + realServerAddress + ":" + port + " in " + bindings));
            var checker = factory.create(b, null, null);
            return Checks.run(checker, b.spec().common().connectTimeout()).result();
        }

        @Override
        public void close() {
            protocols.close();
        }
    }

    static Loaded load(Path file) {
        var sink = new DiagnosticSink();
        var config = ConfigTest.load(file, null, false, sink);
        assertFalse(sink.has(Severity.FATAL), sink.findings().toString());
        var warnings = new CopyOnWriteArrayList<String>();
        var protocols = new ProtoCheckers(config.ssl(), warnings::add, new SplittableRandom(5), IcmpEchoProbe::new);
        var factory = protocols.registerInto(new CheckerFactory(config.trackFiles(),
                new io.jkeepalived.check.runtime.CheckScripts(new io.jkeepalived.notify.ScriptJobs(
                        io.jkeepalived.notify.ScriptJobs.Settings.KEEPALIVED_DEFAULTS, Log.NONE), Log.NONE)));
        Log log = (level, message) -> warnings.add(message);
        var setup = CheckerDaemon.setup(config, factory, log);
        return new Loaded(config, setup.bindings(), factory, protocols, warnings);
    }

    private static Map<String, String> digests(String root, String mrtg) {
        var m = new LinkedHashMap<String, String>();
        m.put("ff20ad2481f97b1754ef3e12ecd3a9cc", root);
        m.put("9b3a0c85a887a256d6939da88aabd8cd", mrtg);
        return m;
    }

    @Test
    void sslGetOnConnectPort() throws Exception {
        var addresses = new LinkedHashMap<String, InetAddress>(Map.of("192.168.201.100", nginx.address()));
        try (var l = load(rewrite("keepalived.conf.HTTP_GET.port", addresses, digests(rootMd5, mrtgMd5)))) {
            var r = l.check(nginx.address().getHostAddress(), 443);
            assertTrue(r.ok(), r.detail());
        }
        // the sample's own digest is not our page's: the check fails and says why
        try (var l = load(rewrite("keepalived.conf.HTTP_GET.port", addresses, Map.of()))) {
            var r = l.check(nginx.address().getHostAddress(), 443);
            assertFalse(r.ok());
            assertTrue(r.detail().startsWith("MD5 digest error to server [" + nginx.address().getHostAddress() + "]:tcp:443 url(1) /:"), r.detail());
        }
    }

    @Test
    void sslGetAndHttpGetWithTwoUrls() throws Exception {
        var addresses = new LinkedHashMap<String, InetAddress>(Map.of("192.168.201.100", nginx.address()));
        try (var l = load(rewrite("keepalived.conf.SSL_GET", addresses, digests(rootMd5, mrtgMd5)))) {
            String ip = nginx.address().getHostAddress();
            assertTrue(l.check(ip, 443).ok(), l.check(ip, 443).detail());
            assertTrue(l.check(ip, 80).ok(), l.check(ip, 80).detail());
            nginx.page("mrtg/index.html", "changed\n");
            try {
                var r = l.check(ip, 80);
                assertTrue(r.detail().startsWith("MD5 digest error to server [" + ip + "]:tcp:80 url(2) /mrtg/:"), r.detail());
            } finally {
                nginx.page("mrtg/index.html", "mrtg page\n");
            }
        }
    }

    @Test
    void statusCodeRanges() throws Exception {
        var addresses = new LinkedHashMap<String, InetAddress>(Map.of("192.168.201.100", nginx.address()));
        try (var l = load(rewrite("keepalived.conf.status_code", addresses, digests(rootMd5, mrtgMd5)))) {
            String ip = nginx.address().getHostAddress();
            var r = l.check(ip, 443);
            assertTrue(r.ok(), r.detail());
            // url 2 only accepts 200: a directory without its index (403) fails it
            Files.move(nginx.webRoot().resolve("mrtg/index.html"), nginx.webRoot().resolve("mrtg/moved.html"));
            try {
                var down = l.check(ip, 443);
                assertEquals("HTTP status code error to server [" + ip + "]:tcp:443 url(2) /mrtg/: status_code [403].", down.detail()); // nginx: directory without index
            } finally {
                Files.move(nginx.webRoot().resolve("mrtg/moved.html"), nginx.webRoot().resolve("mrtg/index.html"));
            }
        }
    }

    @Test
    void virtualhostIsSentAsHostHeader() throws Exception {
        var addresses = new LinkedHashMap<String, InetAddress>(Map.of("192.168.201.100", nginx.address()));
        var words = digests(vhostRootMd5, vhostMrtgMd5);
        try (var l = load(rewrite("keepalived.conf.virtualhost", addresses, words))) {
            // the sample runs SSL_GET against port 80, where our nginx speaks plain HTTP: a TLS failure
            var r = l.check(nginx.address().getHostAddress(), 80);
            assertTrue(r.detail().startsWith("SSL handshake/communication error connecting to server"), r.detail());
        }
        words.put("real_server 192.168.201.100 80", "real_server 192.168.201.100 443");
        try (var l = load(rewrite("keepalived.conf.virtualhost", addresses, words))) {
            var r = l.check(nginx.address().getHostAddress(), 443);
            assertTrue(r.ok(), "the virtual host's pages are served only with Host: www.firewall.loc: " + r.detail());
        }
    }

    @Test
    void smtpCheckWithHostBlocks() throws Exception {
        var addresses = new LinkedHashMap<String, InetAddress>();
        // bindto addresses must be ours: the host end of the veth
        addresses.put("172.16.1.2", net.hostAddress());
        addresses.put("192.168.155.2", net.hostAddress());
        var servers = new ArrayList<SmtpServer>();
        for (String original : List.of("172.16.1.10", "172.16.1.11", "172.16.1.12", "192.168.155.10", "192.168.155.11",
                "64.233.167.99", "64.233.167.100")) {
            var a = net.newServerAddress();
            addresses.put(original, a);
            servers.add(SmtpServer.start(net, "smtp-" + original, a, original.equals("64.233.167.100") ? 587 : 25));
        }
        try (var l = load(rewrite("keepalived.conf.SMTP_CHECK", addresses, Map.of()))) {
            for (String rs : List.of("172.16.1.10", "172.16.1.11", "172.16.1.12")) {
                var r = l.check(addresses.get(rs).getHostAddress(), 25);
                assertTrue(r.ok(), rs + ": " + r.detail());
            }
            // one of .11's extra interfaces goes away: .11 fails and names it, .10 stays up
            servers.get(3).stop();
            var down = l.check(addresses.get("172.16.1.11").getHostAddress(), 25);
            assertEquals("Could not connect to server [" + addresses.get("192.168.155.10").getHostAddress() + "]:25: Connection refused.",
                    down.detail());
            assertTrue(l.check(addresses.get("172.16.1.10").getHostAddress(), 25).ok());
        }
    }

    @Test
    void udpCheckWithoutRequireReply() throws Exception {
        var a = net.newServerAddress();
        var addresses = new LinkedHashMap<String, InetAddress>(Map.of("192.168.200.6", a));
        try (var l = load(rewrite("keepalived.conf.UDP_CHECK", addresses, Map.of()))) {
            // nothing listens: the ICMP port unreachable makes it fail
            var r = l.check(a.getHostAddress(), 1358);
            assertTrue(r.detail().contains("ICMP port unreachable"), r.detail());
            TestServers.udp(net, a, 1358, "00");
            assertTrue(l.check(a.getHostAddress(), 1358).ok());
        }
    }

    @Test
    void pingCheck() throws Exception {
        var a = net.newServerAddress();
        var addresses = new LinkedHashMap<String, InetAddress>(Map.of("192.168.200.6", a));
        try (var l = load(rewrite("keepalived.conf.PING_CHECK", addresses, Map.of()))) {
            var r = l.check(a.getHostAddress(), 1358);
            assertTrue(r.ok(), r.detail());
            net.ns().exec("ip", "addr", "del", a.getHostAddress() + "/32", "dev", "eth0");
            var down = l.check(a.getHostAddress(), 1358);
            assertFalse(down.ok());
            assertTrue(down.detail().startsWith("ICMP connection to address [" + a.getHostAddress() + "]:udp:1358 timeout"), down.detail());
        }
    }
}
