package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Packets.ip;
import static io.jkeepalived.vrrp.engine.Packets.ips;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.Decoded;
import io.jkeepalived.vrrp.codec.UnicastPeer;
import io.jkeepalived.vrrp.codec.VrrpAdvert;
import io.jkeepalived.vrrp.codec.VrrpCodec;
import io.jkeepalived.vrrp.codec.VrrpPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** check_unicast_src and unicast_peer min_ttl/max_ttl, with keepalived's words (vrrp.c vrrp_check_packet). */
class UnicastSourceCheckTest {
    static final long T0 = 1_000_000_000L;
    static final List<InetAddress> VIPS = ips("192.0.2.100");
    static final String US = "192.0.2.1";
    static final String PEER = "192.0.2.2";
    static final String STRANGER = "192.0.2.66";

    static InstanceParams master(boolean check, UnicastPeer peer) {
        return InstanceParams.builder("VI_1", 51, ip(US)).vips(VIPS).unicast(true).checkUnicastSource(check)
                .unicastPeers(List.of(peer)).build();
    }

    /** A unicast v2 advert to us, as the wire carries it. */
    static VrrpPacket advert(String source, int priority, int ttl) {
        var advert = VrrpAdvert.of(2, 51, priority, AuthType.NONE, 1, VIPS, new byte[8]);
        ByteBuffer buf = ByteBuffer.allocate(VrrpCodec.ipv4Length(advert));
        VrrpCodec.encodeIpv4(advert, new VrrpCodec.Ipv4Envelope((Inet4Address) ip(source), (Inet4Address) ip(US), 1,
                ttl, false, 0, null, false), buf);
        return ((Decoded.Ok) VrrpCodec.decodeIpv4(buf.array())).packet();
    }

    static EngineHarness asMaster(InstanceParams p) {
        var h = new EngineHarness(p);
        h.start(T0);
        h.runUntil(T0 + 3_609_375);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        return h;
    }

    @Test
    void aHostThatIsNoPeerCannotTakeTheMasterAway() {
        var h = asMaster(master(true, UnicastPeer.anyTtl(ip(PEER))));
        var r = h.receive(T0 + 4_000_000, advert(STRANGER, 200, 64));
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        assertEquals(List.of("(VI_1) unicast source address 192.0.2.66 not a unicast peer"), EngineHarness.logs(r));
        assertEquals(1, h.engine.stats("VI_1").unicastSourceErr());
        assertEquals(0, h.engine.stats("VI_1").advertRcvd());
        assertTrue(h.engine.stats("VI_1").format("VI_1").endsWith("  Not a unicast peer: 1\n"));
    }

    @Test
    void withoutTheCheckAnyHostIsHeardAsKeepalivedDoes() {
        var h = asMaster(master(false, UnicastPeer.anyTtl(ip(PEER))));
        h.receive(T0 + 4_000_000, advert(STRANGER, 200, 64));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void aPeerOutsideItsTtlRangeIsDroppedAndCountedAsATtlError() {
        var h = asMaster(master(true, new UnicastPeer(ip(PEER), 255, 255)));
        var r = h.receive(T0 + 4_000_000, advert(PEER, 200, 64));
        assertEquals(VrrpState.MASTER, h.engine.state("VI_1"));
        assertEquals(List.of("(VI_1) TTL/HL 64 not in range 255 - 255"), EngineHarness.logs(r));
        assertEquals(1, h.engine.stats("VI_1").ipTtlErr());
    }

    @Test
    void aPeerInsideItsTtlRangeIsHeard() {
        var h = asMaster(master(true, new UnicastPeer(ip(PEER), 250, 255)));
        h.receive(T0 + 4_000_000, advert(PEER, 200, 255));
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_1"));
    }

    @Test
    void aFloodFromOneSourceIsLoggedOncePerMinute() {
        var h = asMaster(master(true, UnicastPeer.anyTtl(ip(PEER))));
        long at = T0 + 4_000_000;
        for (int i = 0; i < 100; i++) {
            h.receive(at + i * 10_000L, advert(STRANGER, 200, 64));
        }
        h.receive(at + 61_000_000L, advert(STRANGER, 200, 64));
        var lines = h.logs().stream().filter(l -> l.contains("not a unicast peer")).toList();
        assertEquals(List.of("(VI_1) unicast source address 192.0.2.66 not a unicast peer",
                "(VI_1) unicast source address 192.0.2.66 not a unicast peer (99 more from it not logged)"), lines);
        assertEquals(101, h.engine.stats("VI_1").unicastSourceErr());
    }

    @Test
    void ipv6TakesTheHopLimitTheSocketReported() {
        var peer = (java.net.Inet6Address) ip("2001:db8::2");
        var us = (java.net.Inet6Address) ip("2001:db8::1");
        var vips = ips("2001:db8::100");
        var p = InstanceParams.builder("VI_6", 51, us).version(3).vips(vips).unicast(true).checkUnicastSource(true)
                .unicastPeers(List.of(new UnicastPeer(peer, 255, 255))).build();
        var h = new EngineHarness(p);
        h.start(T0);
        h.runUntil(T0 + 3_609_375);
        var advert = VrrpAdvert.of(3, 51, 200, AuthType.NONE, 100, vips, new byte[0]);
        ByteBuffer buf = ByteBuffer.allocate(512);
        int n = VrrpCodec.encodeIpv6(advert, peer, us, buf);
        byte[] bytes = java.util.Arrays.copyOf(buf.array(), n);
        var lowHops = ((Decoded.Ok) VrrpCodec.decodeIpv6(bytes, peer, us, 64)).packet();
        var r = h.receive(T0 + 4_000_000, lowHops);
        assertEquals(VrrpState.MASTER, h.engine.state("VI_6"));
        assertEquals(List.of("(VI_6) TTL/HL 64 not in range 255 - 255"), EngineHarness.logs(r));
        var direct = ((Decoded.Ok) VrrpCodec.decodeIpv6(bytes, peer, us, 255)).packet();
        h.receive(T0 + 4_100_000, direct);
        assertEquals(VrrpState.BACKUP, h.engine.state("VI_6"));
    }
}
