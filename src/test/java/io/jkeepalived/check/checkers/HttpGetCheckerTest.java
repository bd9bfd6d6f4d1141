package io.jkeepalived.check.checkers;

import io.jkeepalived.testsupport.Nginx;
import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.TestServers;
import io.jkeepalived.testsupport.TlsCert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** HTTP_GET and SSL_GET against Debian's nginx and misbehaving servers in a namespace. */
@Tag("root")
class HttpGetCheckerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static ServerNet net;
    private static Nginx nginx;
    private static TlsCert cert;
    private static TlsCert otherCert;
    private static CheckIo io;
    private static String indexMd5;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        net = ServerNet.create("jkp", "h");
        cert = TlsCert.selfSigned(net.dir(), "server", "www.example.test");
        otherCert = TlsCert.selfSigned(net.dir(), "other", "other.example.test");
        nginx = Nginx.start(net, "nginx", cert);
        io = new CheckIo();
        // The first TLS handshake loads and compiles a lot; do it once so timed tests measure the checker.
        Checks.run(https(nginx.https(), TlsContexts.SslFiles.none(), HttpUrl.of("/")), Duration.ofSeconds(20));
        Checks.run(https(nginx.https(), new TlsContexts.SslFiles(Optional.empty(), Optional.of(cert.certificate()),
                Optional.empty(), Optional.empty()), HttpUrl.of("/")), Duration.ofSeconds(20));
        indexMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(Files.readAllBytes(nginx.webRoot().resolve("index.html"))));
    }

    @AfterAll
    static void tearDown() {
        if (io != null) {
            io.close();
        }
        if (net != null) {
            net.close();
        }
    }

    private static HttpGetChecker http(InetSocketAddress to, HttpUrl... urls) {
        return new HttpGetChecker(io, CheckTarget.tcp(to), HttpOptions.http(List.of(urls)));
    }

    private static HttpGetChecker https(InetSocketAddress to, TlsContexts.SslFiles files, HttpUrl... urls) throws Exception {
        return new HttpGetChecker(io, CheckTarget.tcp(to), HttpOptions.http(List.of(urls)).withTls(TlsContexts.build(files), false));
    }

    @Test
    void pageWithRightDigestPasses() {
        Checks.ok(http(nginx.http(), HttpUrl.of("/index.html").withDigest(indexMd5)), TIMEOUT);
    }

    @Test
    void wrongStatusCodeFailsNamingTheCode() {
        String detail = Checks.failure(http(nginx.http(), HttpUrl.of("/status/404")), TIMEOUT);
        assertEquals("HTTP status code error to server " + CheckTarget.tcp(nginx.http()).label()
                + " url(1) /status/404: status_code [404].", detail);
    }

    @Test
    void statusCodeRangeAccepts404WhenAsked() {
        Checks.ok(http(nginx.http(), HttpUrl.of("/status/404").withStatusCodes(StatusCodes.parse(List.of("400-404")).orElseThrow())), TIMEOUT);
    }

    @Test
    void wrongDigestFails() {
        String detail = Checks.failure(http(nginx.http(), HttpUrl.of("/index.html").withDigest("0".repeat(32))), TIMEOUT);
        assertTrue(detail.startsWith("MD5 digest error to server "), detail);
        assertTrue(detail.contains(indexMd5), detail);
    }

    @Test
    void secondUrlFailureIsNamed() {
        String detail = Checks.failure(http(nginx.http(), HttpUrl.of("/index.html"), HttpUrl.of("/status/500")), TIMEOUT);
        assertTrue(detail.contains("url(2) /status/500: status_code [500]"), detail);
    }

    @Test
    void virtualhostSelectsTheServer() throws Exception {
        String vhostMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("virtual host page\n".getBytes()));
        Checks.ok(http(nginx.http(), HttpUrl.of("/index.html").withDigest(vhostMd5).withVirtualhost("www.example.test")), TIMEOUT);
        Checks.failure(http(nginx.http(), HttpUrl.of("/index.html").withDigest(vhostMd5)), TIMEOUT);
        var checkerLevel = HttpOptions.http(List.of(HttpUrl.of("/index.html").withDigest(vhostMd5))).withVirtualhost("www.example.test");
        Checks.ok(new HttpGetChecker(io, CheckTarget.tcp(nginx.http()), checkerLevel), TIMEOUT);
    }

    @Test
    void regexAndRegexNoMatch() {
        Checks.ok(http(nginx.http(), HttpUrl.of("/index.html").withRegex(Pattern.compile("test pa.e"), false)), TIMEOUT);
        String d = Checks.failure(http(nginx.http(), HttpUrl.of("/index.html").withRegex(Pattern.compile("test pa.e"), true)), TIMEOUT);
        assertTrue(d.startsWith("Regex match failed server"), d);
    }

    @Test
    void http11AndClose() {
        var opts = HttpOptions.http(List.of(HttpUrl.of("/index.html").withDigest(indexMd5))).withProtocol(HttpProtocol.HTTP_1_1);
        Checks.ok(new HttpGetChecker(io, CheckTarget.tcp(nginx.http()), opts), TIMEOUT);
    }

    @Test
    void downOnStopUpOnRestart() {
        var checker = http(nginx.http(), HttpUrl.of("/index.html").withDigest(indexMd5));
        Checks.ok(checker, TIMEOUT);
        nginx.stop();
        try {
            String d = Checks.failure(checker, TIMEOUT);
            assertTrue(d.startsWith("Connection failed server "), d);
            assertTrue(d.toLowerCase().contains("refused"), d);
        } finally {
            nginx.restart();
        }
        Checks.ok(checker, TIMEOUT);
    }

    @Test
    void connectionRefused() {
        String d = Checks.failure(http(new InetSocketAddress(nginx.address(), 81), HttpUrl.of("/")), TIMEOUT);
        assertTrue(d.startsWith("Connection failed server [" + nginx.address().getHostAddress() + "]:tcp:81"), d);
    }

    @Test
    void silentServerTimesOut() {
        var silent = TestServers.tcp(net, TestServers.Mode.SILENT, 80, null);
        String d = Checks.failure(http(silent, HttpUrl.of("/")), TIMEOUT);
        assertTrue(d.startsWith("Timeout WEB read server"), d);
    }

    @Test
    void garbageIsNoAnswer() {
        var garbage = TestServers.tcp(net, TestServers.Mode.GARBAGE, 80, null);
        String d = Checks.failure(http(garbage, HttpUrl.of("/")), TIMEOUT);
        assertTrue(d.startsWith("Read, no data received from server"), d);
    }

    @Test
    void endlessBodyFailsWithinTimeout() {
        var endless = TestServers.tcp(net, TestServers.Mode.ENDLESS, 80, null);
        String d = Checks.failure(http(endless, HttpUrl.of("/").withDigest(indexMd5)), TIMEOUT);
        assertTrue(d.startsWith("Timeout HTTP read server"), d);
    }

    @Test
    void endlessBodyWithoutDigestOnlyNeedsTheStatus() {
        var endless = TestServers.tcp(net, TestServers.Mode.ENDLESS, 80, null);
        Checks.ok(http(endless, HttpUrl.of("/")), TIMEOUT);
    }

    @Test
    void slowlorisFailsWithinTimeout() {
        var slow = TestServers.tcp(net, TestServers.Mode.SLOWLORIS, 80, null);
        String d = Checks.failure(http(slow, HttpUrl.of("/")), TIMEOUT);
        assertTrue(d.startsWith("Timeout HTTP read server"), d);
    }

    @Test
    void oneGigabyteResponseIsStreamedNotBuffered() {
        var huge = TestServers.tcp(net, TestServers.Mode.HUGE, 80, null);
        var rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        var timed = Checks.run(http(huge, HttpUrl.of("/").withDigest(indexMd5)), Duration.ofSeconds(5));
        long after = rt.totalMemory() - rt.freeMemory();
        assertTrue(!timed.result().ok(), timed.result().detail());
        assertTrue(timed.result().detail().startsWith("MD5 digest error") || timed.result().detail().startsWith("Timeout HTTP read"),
                timed.result().detail());
        assertTrue(after - before < 256L << 20, "heap grew by " + ((after - before) >> 20) + " MiB");
    }

    @Test
    void sslGetWithoutCaAcceptsSelfSigned() throws Exception {
        Checks.ok(https(nginx.https(), TlsContexts.SslFiles.none(), HttpUrl.of("/index.html").withDigest(indexMd5)), TIMEOUT);
    }

    @Test
    void sslGetWithCaVerifiesTheChain() throws Exception {
        var good = new TlsContexts.SslFiles(Optional.empty(), Optional.of(cert.certificate()), Optional.empty(), Optional.empty());
        Checks.ok(https(nginx.https(), good, HttpUrl.of("/index.html")), TIMEOUT);
        var wrong = new TlsContexts.SslFiles(Optional.empty(), Optional.of(otherCert.certificate()), Optional.empty(), Optional.empty());
        String d = Checks.failure(https(nginx.https(), wrong, HttpUrl.of("/index.html")), TIMEOUT);
        assertTrue(d.startsWith("SSL handshake/communication error connecting to server"), d);
    }

    @Test
    void sslGetAgainstPlainHttpFailsTheHandshake() throws Exception {
        String d = Checks.failure(https(nginx.http(), TlsContexts.SslFiles.none(), HttpUrl.of("/")), TIMEOUT);
        assertTrue(d.startsWith("SSL handshake/communication error connecting to server"), d);
    }

    @Test
    void sslGetWithClientCertificateAndSni() throws Exception {
        var files = new TlsContexts.SslFiles(Optional.empty(), Optional.empty(), Optional.of(otherCert.certificate()), Optional.of(otherCert.key()));
        String vhostMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("virtual host page\n".getBytes()));
        var opts = HttpOptions.http(List.of(HttpUrl.of("/index.html").withDigest(vhostMd5))).withVirtualhost("www.example.test")
                .withTls(TlsContexts.build(files), true);
        Checks.ok(new HttpGetChecker(io, CheckTarget.tcp(nginx.https()), opts), TIMEOUT);
    }
}
