package io.jkeepalived.check.checkers;

import io.jkeepalived.adapters.check.IcmpEchoProbe;
import io.jkeepalived.testsupport.Dnsmasq;
import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.SmtpServer;
import io.jkeepalived.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** SMTP_CHECK, DNS_CHECK, UDP_CHECK and PING_CHECK against real servers in a namespace. */
@Tag("root")
class ProtocolCheckersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static ServerNet net;
    private static SmtpServer smtp;
    private static Dnsmasq dns;
    private static CheckIo io;
    private static ExecutorService pingThreads;

    @BeforeAll
    static void setUp() {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        assumeTrue(SmtpServer.available(), "needs Debian package " + SmtpServer.PACKAGE);
        net = ServerNet.create("jkp", "p");
        smtp = SmtpServer.start(net, "smtp");
        dns = Dnsmasq.start(net, "dns");
        io = new CheckIo();
        pingThreads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void tearDown() {
        if (pingThreads != null) {
            pingThreads.shutdownNow();
        }
        if (io != null) {
            io.close();
        }
        if (net != null) {
            net.close();
        }
    }

    private static CheckTarget smtpTarget(InetSocketAddress a) {
        return new CheckTarget(a, Optional.empty(), "[" + a.getAddress().getHostAddress() + "]:" + a.getPort());
    }

    @Test
    void smtpUpDownOnStopUpOnRestart() {
        var checker = new SmtpChecker(io, smtpTarget(smtp.address()), SmtpChecker.DEFAULT_HELO);
        Checks.ok(checker, TIMEOUT);
        smtp.stop();
        try {
            String d = Checks.failure(checker, TIMEOUT);
            assertTrue(d.startsWith("Could not connect to server [" + smtp.address().getAddress().getHostAddress() + "]:25"), d);
        } finally {
            smtp.restart();
        }
        Checks.ok(checker, TIMEOUT);
    }

    @Test
    void smtpBadBannerAndSilenceFail() {
        var bad = TestServers.tcp(net, TestServers.Mode.BANNER, 25, "554 go away");
        String d = Checks.failure(new SmtpChecker(io, smtpTarget(bad), "me.example.test"), TIMEOUT);
        assertTrue(d.startsWith("Bad greeting banner from server"), d);
        var multi = TestServers.tcp(net, TestServers.Mode.BANNER, 25, "220-multi line greeting");
        assertTrue(Checks.failure(new SmtpChecker(io, smtpTarget(multi), "me"), TIMEOUT).startsWith("Bad greeting banner"));
        var silent = TestServers.tcp(net, TestServers.Mode.SILENT, 25, null);
        String t = Checks.failure(new SmtpChecker(io, smtpTarget(silent), "me"), TIMEOUT);
        assertTrue(t.startsWith("Read timeout from server"), t);
    }

    @Test
    void smtpWrongHeloAnswerFails() {
        // a server that answers everything with 220: HELO gets 220, not 250
        var echo = TestServers.tcp(net, TestServers.Mode.BANNER, 25, "220 always");
        String d = Checks.failure(new SmtpChecker(io, smtpTarget(echo), "me"), TIMEOUT);
        assertTrue(d.startsWith("Bad HELO response from server"), d);
    }

    @Test
    void dnsAnswersPassRefusalsFail() {
        var target = CheckTarget.udp(dns.address());
        Checks.ok(new DnsChecker(io, target, "A", "www.example.test", new SplittableRandom(1)), TIMEOUT);
        Checks.ok(new DnsChecker(io, target, "soa", "example.test", new SplittableRandom(2)), TIMEOUT);
        // keepalived's default: SOA of "." - dnsmasq is not authoritative for it and has no upstream
        String d = Checks.failure(new DnsChecker(io, target, "SOA", ".", new SplittableRandom(3)), TIMEOUT);
        assertTrue(d.startsWith("DNS_CHECK (" + target.label() + ") read error occurred. (rcode = 5"), d);
    }

    @Test
    void dnsDownOnStopUpOnRestart() {
        var checker = new DnsChecker(io, CheckTarget.udp(dns.address()), "A", "www.example.test", new SplittableRandom(4));
        Checks.ok(checker, TIMEOUT);
        dns.stop();
        try {
            String d = Checks.failure(checker, TIMEOUT);
            assertTrue(d.contains("port unreachable") || d.contains("read timeout"), d);
        } finally {
            dns.restart();
        }
        net.awaitTrue(Duration.ofSeconds(10), () -> Checks.run(checker, TIMEOUT).result().ok(), "DNS_CHECK passes again");
    }

    @Test
    void udpReplyRules() {
        var a = net.newServerAddress();
        TestServers.udp(net, a, 5353, "cafe0102");
        var target = CheckTarget.udp(new InetSocketAddress(a, 5353));
        Checks.ok(new UdpChecker(io, target, Optional.of(HexFormat.of().parseHex("01")), UdpChecker.ReplyRule.none()), TIMEOUT);
        Checks.ok(new UdpChecker(io, target, Optional.empty(), UdpChecker.ReplyRule.require("caXe", 0, 255)), TIMEOUT);
        String d = Checks.failure(new UdpChecker(io, target, Optional.empty(), UdpChecker.ReplyRule.require("beef", 0, 255)), TIMEOUT);
        assertTrue(d.startsWith("UDP check to " + target.label() + " failed: reply data mismatch"), d);
        Checks.failure(new UdpChecker(io, target, Optional.empty(), UdpChecker.ReplyRule.require("ca", 5, 255)), TIMEOUT);
    }

    @Test
    void udpPortUnreachableFailsSilencePassesUnlessReplyRequired() {
        var closed = CheckTarget.udp(new InetSocketAddress(net.newServerAddress(), 9));
        String d = Checks.failure(new UdpChecker(io, closed, Optional.empty(), UdpChecker.ReplyRule.none()), TIMEOUT);
        assertTrue(d.contains("ICMP port unreachable"), d);
        // silence: a port that drops everything (nftables would be needed); a responder that never answers
        // is simulated by a TCP-only address: UDP to an address with the port blackholed by the namespace firewall
        var a = net.newServerAddress();
        net.ns().exec("nft", "add", "table", "inet", "jkpdrop");
        net.ns().exec("nft", "add", "chain", "inet", "jkpdrop", "in", "{ type filter hook input priority 0; }");
        net.ns().exec("nft", "add", "rule", "inet", "jkpdrop", "in", "ip", "daddr", a.getHostAddress(), "udp", "dport", "7", "drop");
        var silent = CheckTarget.udp(new InetSocketAddress(a, 7));
        var timed = Checks.run(new UdpChecker(io, silent, Optional.empty(), UdpChecker.ReplyRule.none()), TIMEOUT);
        assertTrue(timed.result().ok(), timed.result().detail());
        assertTrue(timed.took().compareTo(TIMEOUT.minusMillis(100)) > 0, "waited the timeout for an ICMP error");
        assertTrue(!Checks.run(new UdpChecker(io, silent, Optional.empty(), UdpChecker.ReplyRule.require("00", 0, 255)), TIMEOUT).result().ok());
    }

    @Test
    void pingSendsRealIcmpEchoes() throws Exception {
        assumeTrue(mayPing(), "needs root or ping_group_range");
        var a = net.newServerAddress();
        var target = CheckTarget.tcp(new InetSocketAddress(a, 0));
        var checker = new PingChecker(io, target, new IcmpEchoProbe(Optional.empty(), Optional.empty(), OptionalInt.empty()), pingThreads);
        // prove what goes on the wire is ICMP echo, not the JDK's TCP port 7 fallback
        var pcap = net.dir().resolve("ping.txt");
        var dump = net.spawn("tcpdump-ping", List.of("sh", "-c", "tcpdump -l -n -i eth0 icmp > " + pcap + " 2>&1"));
        net.awaitTrue(Duration.ofSeconds(5), () -> {
            try {
                return Files.readString(pcap).contains("listening");
            } catch (java.io.IOException e) {
                return false;
            }
        }, "tcpdump is listening");
        Checks.ok(checker, TIMEOUT);
        net.awaitTrue(Duration.ofSeconds(5), () -> {
            try {
                return Files.readString(pcap).contains("ICMP echo reply");
            } catch (java.io.IOException e) {
                return false;
            }
        }, "tcpdump saw the ICMP echo request and reply");
        dump.stop();
        assertTrue(Files.readString(pcap).contains(a.getHostAddress() + ": ICMP echo request"), Files.readString(pcap));
        // an address nobody has: no reply, failure after the timeout
        net.ns().exec("nft", "add", "table", "ip", "jkpicmp");
        net.ns().exec("nft", "add", "chain", "ip", "jkpicmp", "in", "{ type filter hook input priority 0; }");
        net.ns().exec("nft", "add", "rule", "ip", "jkpicmp", "in", "ip", "daddr", a.getHostAddress(), "icmp", "type", "echo-request", "drop");
        String d = Checks.failure(checker, TIMEOUT);
        assertEquals("ICMP connection to address " + target.label() + " timeout.", d);
        net.ns().exec("nft", "delete", "table", "ip", "jkpicmp");
        Checks.ok(checker, TIMEOUT);
        pingThreads.awaitTermination(1, TimeUnit.MILLISECONDS);
    }

    /** Whether this process may send ICMP itself (root / CAP_NET_RAW, or ping_group_range). */
    private static boolean mayPing() {
        try {
            String range = Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ping_group_range")).strip();
            String[] lohi = range.split("\\s+");
            long gid = (Long) Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:gid");
            if (gid >= Long.parseLong(lohi[0]) && gid <= Long.parseLong(lohi[1])) {
                return true;
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // fall through to the capability test
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
