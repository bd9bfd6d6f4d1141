package io.jkeepalived.check.checkers;

import io.jkeepalived.testsupport.Daemon;
import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.TlsCert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * tls_compliant (keepalived 2.2.8+; 2.2.7 does not know it, so there is no side-by-side here): SSL_GET against
 * openssl s_server, which logs every TLS message it reads (-msg). Without tls_compliant the checker closes the
 * connection with no close_notify (keepalived's SSL_set_quiet_shutdown); with it, on the checker or on the url,
 * the server reads a close_notify alert from the checker. TLS 1.2 and 1.3.
 */
@Tag("root")
class HttpTlsCompliantRootTest {
    private static ServerNet net;
    private static TlsCert cert;

    @BeforeAll
    static void setUp() {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        net = ServerNet.create("jkt", "tc");
        cert = TlsCert.selfSigned(net.dir(), "server", "www.example.test");
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    private static Daemon sServer(InetSocketAddress at, String version) {
        var d = net.spawn("s_server-" + version + "-" + at.getAddress().getHostAddress(), List.of("openssl", "s_server",
                "-accept", at.getAddress().getHostAddress() + ":" + at.getPort(), "-cert", cert.certificate().toString(),
                "-key", cert.key().toString(), "-" + version, "-www", "-msg", "-ign_eof"));
        net.awaitTcp(at, java.time.Duration.ofSeconds(10));
        return d;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tls1_2", "tls1_3"})
    void closeNotifyOnlyWithTlsCompliant(String version) throws Exception {
        var quiet = new InetSocketAddress(net.newServerAddress(), 443);
        var checker = new InetSocketAddress(net.newServerAddress(), 443);
        var url = new InetSocketAddress(net.newServerAddress(), 443);
        var servers = List.of(sServer(quiet, version), sServer(checker, version), sServer(url, version));
        String conf = "global_defs {\n  router_id jkt\n}\n"
                + vs(1, quiet, "", "") + vs(2, checker, "    tls_compliant\n", "") + vs(3, url, "", "        tls_compliant yes\n");
        var file = net.dir().resolve("keepalived-" + version + ".conf");
        Files.writeString(file, conf);
        try (var loaded = SamplesTest.load(file)) {
            assertEquals(List.of(), loaded.warnings());
            var failed = new ArrayList<String>();
            for (var at : List.of(quiet, checker, url)) {
                var r = loaded.check(at.getAddress().getHostAddress(), 443);
                if (!r.ok()) {
                    failed.add(at + ": " + r.detail());
                }
            }
            assertEquals(List.of(), failed);
        }
        // the checker has closed its connections; give s_server a moment to print what it read
        Thread.sleep(500);
        String q = servers.get(0).log();
        assertTrue(q.contains("<<< TLS") && q.contains("ClientHello"), "s_server saw the handshake:\n" + q);
        assertFalse(readCloseNotify(q), "without tls_compliant no close_notify is sent:\n" + q);
        assertTrue(readCloseNotify(servers.get(1).log()), "checker tls_compliant:\n" + servers.get(1).log());
        assertTrue(readCloseNotify(servers.get(2).log()), "url tls_compliant:\n" + servers.get(2).log());
        servers.forEach(Daemon::stop);
    }

    /** s_server -msg prints what it reads as {@code <<< TLS 1.x, Alert [length 0002], warning close_notify}. */
    private static boolean readCloseNotify(String log) {
        return log.lines().anyMatch(l -> l.startsWith("<<<") && l.contains("Alert") && l.contains("close_notify"));
    }

    private static String vs(int n, InetSocketAddress rs, String checkerLine, String urlLine) {
        return "virtual_server 203.0.113." + n + " 443 {\n  delay_loop 5\n  lb_kind NAT\n  protocol TCP\n"
                + "  real_server " + rs.getAddress().getHostAddress() + " 443 {\n    SSL_GET {\n" + checkerLine
                + "      url {\n        path /\n" + urlLine + "      }\n      connect_timeout 5\n      retry 0\n    }\n  }\n}\n";
    }
}
