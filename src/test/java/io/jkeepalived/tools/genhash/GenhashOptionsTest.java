package io.jkeepalived.tools.genhash;

import io.jkeepalived.check.checkers.HttpProtocol;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** genhash's command line and hex dump, without a network. */
class GenhashOptionsTest {
    @Test
    void shortLongBundledAndAttachedForms() {
        var p = GenhashOptions.parse(new String[]{"-vS", "-s192.0.2.1", "--port=8443", "--url", "/x", "-P", "1.0c", "-t", "3", "-I", "-V", "h.example.test"});
        var o = assertInstanceOf(GenhashOptions.Parsed.Ok.class, p).options();
        assertTrue(o.verbose() && o.ssl() && o.sni());
        assertEquals("192.0.2.1", o.server().getHostAddress());
        assertEquals(8443, o.port());
        assertEquals("/x", o.url());
        assertEquals(HttpProtocol.HTTP_1_0C, o.protocol());
        assertEquals(Duration.ofSeconds(3), o.timeout().orElseThrow());
        assertEquals("h.example.test", o.virtualhost().orElseThrow());
    }

    @Test
    void mistakesAreNamed() {
        var missing = assertInstanceOf(GenhashOptions.Parsed.Usage.class, GenhashOptions.parse(new String[]{"-s", "192.0.2.1", "-p"}));
        assertEquals("Missing parameter for option -p", missing.errors().getFirst());
        var extra = assertInstanceOf(GenhashOptions.Parsed.Usage.class, GenhashOptions.parse(new String[]{"-s", "192.0.2.1", "-p", "80", "-u", "/", "stray"}));
        assertEquals("Unexpected argument(s): stray", extra.errors().getFirst());
        var t = assertInstanceOf(GenhashOptions.Parsed.Usage.class, GenhashOptions.parse(new String[]{"-s", "192.0.2.1", "-p", "80", "-u", "/", "-t", "-1"}));
        assertEquals("invalid timeout '-1'", t.errors().getFirst());
    }

    @Test
    void hexDumpIsKeepalivedsDumpBuffer() {
        var out = new ByteArrayOutputStream();
        byte[] b = "HTTP/1.1 200 OK\r\nes\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        HexDump.dump(b, 0, b.length, new PrintStream(out, true, StandardCharsets.ISO_8859_1));
        assertEquals("0000  48 54 54 50 2f 31 2e 31 - 20 32 30 30 20 4f 4b 0d   HTTP/1.1 200 OK.\n"
                + "0016  0a 65 73 0d 0a 0d 0a    -                           .es....         \n", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void helpExitsOneWithUsage() {
        var err = new ByteArrayOutputStream();
        int rc = Genhash.run("genhash", new String[]{"-h", "-v"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(1, rc);
        assertTrue(err.toString().contains("--use-sni         -I"));
    }
}
