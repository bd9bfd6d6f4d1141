package io.jkeepalived.tools.genhash;

import io.jkeepalived.testsupport.Nginx;
import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.TlsCert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** genhash against nginx, compared with the real {@code keepalived --genhash} on the same pages. */
@Tag("root")
class GenhashTest {
    private static ServerNet net;
    private static Nginx nginx;

    record Run(int exit, String out, String err) {
    }

    static Run genhash(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Genhash.run("genhash", args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        net = ServerNet.create("jkp", "g");
        nginx = Nginx.start(net, "nginx", TlsCert.selfSigned(net.dir(), "srv", "www.example.test"));
        byte[] big = new byte[300_000];
        new java.util.Random(42).nextBytes(big);
        Files.write(nginx.webRoot().resolve("big.bin"), big);
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    /** keepalived's genhash, run on the host (it reaches the namespace over the veth like we do). */
    private static String keepalivedGenhash(String... args) {
        var cmd = new java.util.ArrayList<>(java.util.List.of("keepalived", "--genhash"));
        cmd.addAll(java.util.List.of(args));
        return Sh.run(cmd, 30).out();
    }

    @Test
    void digestEqualsKeepalivedGenhash() {
        String ip = nginx.address().getHostAddress();
        for (String path : new String[]{"/index.html", "/big.bin", "/status/404", "/missing"}) {
            var ours = genhash("-s", ip, "-p", "80", "-u", path);
            assertEquals(0, ours.exit(), ours.err());
            String theirs = keepalivedGenhash("-s", ip, "-p", "80", "-u", path);
            assertEquals(theirs.strip(), ours.out().strip(), "digest of " + path);
            assertTrue(ours.out().strip().matches("[0-9a-f]{32}"), ours.out());
        }
    }

    @Test
    void sslSniAndVirtualhostEqualKeepalived() {
        String ip = nginx.address().getHostAddress();
        var ours = genhash("-S", "-I", "-V", "www.example.test", "--server", ip, "--port=443", "-u", "/index.html", "-P", "1.1");
        String theirs = keepalivedGenhash("-S", "-I", "-V", "www.example.test", "--server", ip, "--port=443", "-u", "/index.html", "-P", "1.1");
        assertEquals(theirs.strip(), ours.out().strip());
    }

    @Test
    void verboseShowsHeaderBodyAndHash() throws Exception {
        String ip = nginx.address().getHostAddress();
        var ours = genhash("-v", "-s", ip, "-p", "80", "-u", "/index.html");
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(Files.readAllBytes(nginx.webRoot().resolve("index.html"))));
        assertTrue(ours.out().startsWith("-----------------------[    HTTP Header Buffer    ]-----------------------\n0000  48 54 54 50 2f 31 2e 31 - 20 32 30 30 20 4f 4b 0d   HTTP/1.1 200 OK.\n"), ours.out());
        assertTrue(ours.out().contains("-----------------------[ HTML hash final resulting ]-----------------------\n" + md5 + "\n\nGlobal response time for [/index.html] = "), ours.out());
        // same lines as keepalived's, apart from the Date/Last-Modified/ETag bytes and timings
        String theirs = keepalivedGenhash("-v", "-s", ip, "-p", "80", "-u", "/index.html");
        assertEquals(theirs.lines().filter(l -> l.startsWith("-----")).toList(), ours.out().lines().filter(l -> l.startsWith("-----")).toList());
    }

    @Test
    void refusedPrintsKeepalivedsWords() {
        var ours = genhash("-s", nginx.address().getHostAddress(), "-p", "81", "-u", "/");
        assertEquals(0, ours.exit());
        assertEquals(keepalivedGenhash("-s", nginx.address().getHostAddress(), "-p", "81", "-u", "/").strip(), ours.out().strip());
    }

    @Test
    void badCommandLinesPrintUsageAndExit1() {
        var none = genhash("-h");
        assertEquals(1, none.exit());
        assertTrue(none.err().startsWith("Usage: genhash COMMAND [OPTIONS]"), none.err());
        assertEquals(1, genhash("-s", "192.0.2.1", "-p", "80").exit());
        var badPort = genhash("-s", "192.0.2.1", "-p", "99999", "-u", "/");
        assertEquals(1, badPort.exit());
        assertTrue(badPort.err().startsWith("invalid port number '99999'"), badPort.err());
        var name = genhash("-s", "www.example.test", "-p", "80", "-u", "/");
        assertTrue(name.err().startsWith("server should be an IP, not www.example.test"), name.err());
        var unknown = genhash("-s", "192.0.2.1", "-p", "80", "-u", "/", "-Z");
        assertTrue(unknown.err().startsWith("Unknown option -Z"), unknown.err());
        var proto = genhash("-s", "192.0.2.1", "-p", "80", "-u", "/", "-P", "2");
        assertTrue(proto.err().startsWith("invalid HTTP protocol version '2'"), proto.err());
    }

}
