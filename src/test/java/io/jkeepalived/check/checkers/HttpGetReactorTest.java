package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.loop.EventLoop;
import io.jkeepalived.testsupport.Nginx;
import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.TestServers;
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
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** HTTP_GET on the checker's event loop (the daemon's path for plain HTTP) against nginx and bad servers. */
@Tag("root")
class HttpGetReactorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static ServerNet net;
    private static Nginx nginx;
    private static EventLoop loop;
    private static Thread loopThread;
    private static CheckIo io;
    private static String indexMd5;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        net = ServerNet.create("jkp", "r");
        nginx = Nginx.start(net, "nginx", null);
        loop = new EventLoop();
        loopThread = Thread.ofPlatform().name("jkp-test-loop").start(loop::run);
        io = new CheckIo();
        indexMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(Files.readAllBytes(nginx.webRoot().resolve("index.html"))));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (loop != null) {
            loop.stop();
            loopThread.join(5000);
            loop.close();
        }
        if (io != null) {
            io.close();
        }
        if (net != null) {
            net.close();
        }
    }

    /** Starts the check on the loop thread, as the daemon's scheduler does. */
    private static Checker onLoop(HttpGetChecker checker) {
        return new Checker() {
            @Override
            public String describe() {
                return checker.describe();
            }

            @Override
            public void start(Duration timeout, Consumer<CheckResult> done) {
                loop.execute(() -> checker.start(timeout, done));
            }
        };
    }

    private static Checker http(InetSocketAddress to, HttpUrl... urls) {
        return onLoop(new HttpGetChecker(io, loop, CheckTarget.tcp(to), HttpOptions.http(List.of(urls))));
    }

    @Test
    void upWrongStatusWrongDigestAndTwoUrls() {
        Checks.ok(http(nginx.http(), HttpUrl.of("/index.html").withDigest(indexMd5)), TIMEOUT);
        assertEquals("HTTP status code error to server " + CheckTarget.tcp(nginx.http()).label()
                + " url(1) /status/404: status_code [404].", Checks.failure(http(nginx.http(), HttpUrl.of("/status/404")), TIMEOUT));
        assertTrue(Checks.failure(http(nginx.http(), HttpUrl.of("/index.html").withDigest("1".repeat(32))), TIMEOUT)
                .startsWith("MD5 digest error to server"));
        assertTrue(Checks.failure(http(nginx.http(), HttpUrl.of("/index.html"), HttpUrl.of("/status/500")), TIMEOUT)
                .contains("url(2) /status/500: status_code [500]"));
    }

    @Test
    void startedFromAnotherThreadHopsOntoTheLoop() {
        // what ProtoCheckers does when the daemon's loop is epoll (no java.nio channels): its own loop, reached by a hop
        var checker = new HttpGetChecker(io, loop, loop::execute, new byte[ReactorHttpExchange.READ_CHUNK],
                CheckTarget.tcp(nginx.http()), HttpOptions.http(List.of(HttpUrl.of("/index.html").withDigest(indexMd5))));
        Checks.ok(checker, TIMEOUT);
        var refused = new HttpGetChecker(io, loop, loop::execute, new byte[ReactorHttpExchange.READ_CHUNK],
                CheckTarget.tcp(new InetSocketAddress(nginx.address(), 81)), HttpOptions.http(List.of(HttpUrl.of("/"))));
        assertTrue(Checks.failure(refused, TIMEOUT).startsWith("Connection failed server"));
    }

    @Test
    void aServerStreamingAGigabyteDoesNotDelayTheOthers() throws Exception {
        var huge = http(TestServers.tcp(net, TestServers.Mode.HUGE, 80, null), HttpUrl.of("/").withDigest(indexMd5));
        var slow = new java.util.concurrent.CompletableFuture<CheckResult>();
        huge.start(Duration.ofSeconds(3), slow::complete);
        // while the loop reads that body, a normal check still finishes at once, many times over
        for (int i = 0; i < 20; i++) {
            var timed = Checks.run(http(nginx.http(), HttpUrl.of("/index.html").withDigest(indexMd5)), TIMEOUT);
            assertTrue(timed.result().ok(), timed.result().detail());
            assertTrue(timed.took().toMillis() < 500, "check " + i + " took " + timed.took().toMillis() + " ms");
        }
        var r = slow.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(!r.ok(), r.detail());
    }

    @Test
    void downOnStopUpOnRestart() {
        var checker = http(nginx.http(), HttpUrl.of("/index.html").withDigest(indexMd5));
        Checks.ok(checker, TIMEOUT);
        nginx.stop();
        try {
            assertTrue(Checks.failure(checker, TIMEOUT).startsWith("Connection failed server "));
        } finally {
            nginx.restart();
        }
        Checks.ok(checker, TIMEOUT);
    }

    @Test
    void badServersFailWithinTheTimeout() {
        assertTrue(Checks.failure(http(TestServers.tcp(net, TestServers.Mode.SILENT, 80, null), HttpUrl.of("/")), TIMEOUT)
                .startsWith("Timeout WEB read server"));
        assertTrue(Checks.failure(http(TestServers.tcp(net, TestServers.Mode.SLOWLORIS, 80, null), HttpUrl.of("/")), TIMEOUT)
                .startsWith("Timeout HTTP read server"));
        assertTrue(Checks.failure(http(TestServers.tcp(net, TestServers.Mode.GARBAGE, 80, null), HttpUrl.of("/")), TIMEOUT)
                .startsWith("Read, no data received from server"));
        String huge = Checks.failure(http(TestServers.tcp(net, TestServers.Mode.HUGE, 80, null), HttpUrl.of("/").withDigest(indexMd5)), TIMEOUT);
        assertTrue(huge.startsWith("Timeout HTTP read server") || huge.startsWith("MD5 digest error"), huge);
        // no digest, no regex: the status line is all keepalived judges, so an endless body passes at once
        Checks.ok(http(TestServers.tcp(net, TestServers.Mode.ENDLESS, 80, null), HttpUrl.of("/")), TIMEOUT);
    }
}
