package io.jkeepalived.check.checkers;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming response reader against keepalived's html.c rules, fed in every possible split. */
class HttpResponseReaderTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] md5(String s) throws Exception {
        return MessageDigest.getInstance("MD5").digest(bytes(s));
    }

    @Test
    void statusContentLengthAndDigestWhateverTheSplit() throws Exception {
        byte[] response = bytes("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhelloTRAILING-GARBAGE");
        for (int split = 0; split <= response.length; split++) {
            var r = new HttpResponseReader(true, null, null);
            boolean more = r.feed(response, 0, split);
            if (more) {
                r.feed(response, split, response.length - split);
            }
            assertTrue(r.headerComplete(), "split " + split);
            assertEquals(200, r.statusCode());
            assertEquals(5, r.contentLength());
            assertArrayEquals(md5("hello"), r.digest(), "only Content-Length bytes are hashed, split " + split);
        }
    }

    @Test
    void withoutDigestOrRegexTheHeaderIsEnough() {
        var r = new HttpResponseReader(false, null, null);
        assertFalse(r.feed(bytes("HTTP/1.1 503 Busy\r\n\r\nendless..."), 0, 28));
        assertEquals(503, r.statusCode());
    }

    @Test
    void keepalivedStatusRules() {
        for (var c : List.of(List.of("HTTP/1.0 404 Not Found\r\n\r\n", 404), List.of("HTTP/1.0 99 x\r\n\r\n", 0),
                List.of("HTTP/1.0 2000 x\r\n\r\n", 0), List.of("garbage\r\n\r\n", 0), List.of("HTTP/1.0 20a x\r\n\r\n", 0))) {
            var r = new HttpResponseReader(false, null, null);
            byte[] b = bytes((String) c.get(0));
            r.feed(b, 0, b.length);
            assertEquals(c.get(1), r.statusCode(), (String) c.get(0));
        }
    }

    @Test
    void aHeaderThatNeverEndsIsCutAt4095Bytes() {
        var r = new HttpResponseReader(true, null, null);
        byte[] junk = new byte[10_000];
        java.util.Arrays.fill(junk, (byte) 'x');
        assertFalse(r.feed(junk, 0, 3000) && r.feed(junk, 3000, 7000));
        assertFalse(r.headerComplete());
        assertTrue(r.headerOverflow());
    }

    @Test
    void regexMatchesAcrossReads() {
        byte[] response = bytes("HTTP/1.0 200 OK\r\n\r\n" + "a".repeat(5000) + "needle" + "b".repeat(100));
        int cut = response.length - 103; // inside "needle"
        var r = new HttpResponseReader(false, new RegexWindow(Pattern.compile("needle"), 0, -1), null);
        r.feed(response, 0, cut);
        r.feed(response, cut, response.length - cut);
        assertTrue(r.regexMatched());
    }

    @Test
    void statusCodeSets() {
        var codes = StatusCodes.parse(List.of("200-299", "400-404", "503")).orElseThrow();
        assertTrue(codes.accepts(200) && codes.accepts(404) && codes.accepts(503));
        assertFalse(codes.accepts(405) || codes.accepts(500) || codes.accepts(99) || codes.accepts(600));
        assertTrue(StatusCodes.parse(List.of("700")).isEmpty());
        assertTrue(StatusCodes.parse(List.of("300-200")).isEmpty());
        assertTrue(StatusCodes.defaults().accepts(204) && !StatusCodes.defaults().accepts(301));
    }

    @Test
    void udpReplyPatternsWithWildcards() {
        var rule = UdpChecker.ReplyRule.require("caXe 01", 0, 255);
        assertTrue(rule.matches(new byte[]{(byte) 0xca, (byte) 0xfe, 1, 9}, 4));
        assertTrue(rule.matches(new byte[]{(byte) 0xca, (byte) 0x0e}, 2), "only the bytes both have are compared");
        assertFalse(rule.matches(new byte[]{(byte) 0xcb, (byte) 0xfe, 1}, 3));
        assertFalse(UdpChecker.ReplyRule.require("ca", 4, 8).matches(new byte[]{(byte) 0xca, 0}, 2), "too short");
    }

    @Test
    void smtpStatusIsThreeDigitsThenSpaceOrEnd() {
        assertEquals(220, SmtpChecker.status("220 mail.example.test ESMTP"));
        assertEquals(250, SmtpChecker.status("250"));
        assertEquals(-1, SmtpChecker.status("220-multi"));
        assertEquals(-1, SmtpChecker.status("22 x"));
    }

    @Test
    void ipv6LabelsAreCompressedLikeInetNtop() throws Exception {
        assertEquals("[2001:db8::11]:tcp:80", CheckTarget.label(java.net.InetAddress.getByName("2001:db8:0:0:0:0:0:11"), "tcp", 80));
        assertEquals("[192.0.2.11]:udp:53", CheckTarget.label(java.net.InetAddress.getByName("192.0.2.11"), "udp", 53));
    }

    @Test
    void requestTextIsKeepalivedsTemplate() throws Exception {
        var target = CheckTarget.tcp(new java.net.InetSocketAddress(java.net.InetAddress.getByName("192.0.2.11"), 8080));
        var plain = new HttpExchange(target, HttpOptions.http(List.of(HttpUrl.of("/x"))), HttpUrl.of("/x"), false, null);
        assertEquals("GET /x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 192.0.2.11:8080\r\n\r\n", plain.requestText());
        var opts = HttpOptions.http(List.of(HttpUrl.of("/"))).withProtocol(HttpProtocol.HTTP_1_1).withVirtualhost("www.example.test");
        var v = new HttpExchange(target, opts, HttpUrl.of("/"), false, null);
        assertEquals("GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.test\r\n\r\n", v.requestText());
        var v6 = CheckTarget.tcp(new java.net.InetSocketAddress(java.net.InetAddress.getByName("2001:db8::1"), 80));
        assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [2001:db8::1]:80\r\n\r\n",
                new HttpExchange(v6, HttpOptions.http(List.of(HttpUrl.of("/"))), HttpUrl.of("/"), false, null).requestText());
    }
}
