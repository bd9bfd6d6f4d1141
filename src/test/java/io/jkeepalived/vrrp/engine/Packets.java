package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.Decoded;
import io.jkeepalived.vrrp.codec.VrrpAdvert;
import io.jkeepalived.vrrp.codec.VrrpAddresses;
import io.jkeepalived.vrrp.codec.VrrpCodec;
import io.jkeepalived.vrrp.codec.VrrpPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;

/** Builds received adverts the real way: encode to bytes, decode again. */
final class Packets {
    private Packets() {
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<InetAddress> ips(String... s) {
        return java.util.Arrays.stream(s).map(Packets::ip).toList();
    }

    static VrrpPacket v2(String source, int vrid, int priority, int intervalSeconds, List<InetAddress> vips) {
        return ipv4(VrrpAdvert.of(2, vrid, priority, AuthType.NONE, intervalSeconds, vips, new byte[8]), source, 255);
    }

    static VrrpPacket v3(String source, int vrid, int priority, int intervalCentis, List<InetAddress> vips) {
        return ipv4(VrrpAdvert.of(3, vrid, priority, AuthType.NONE, intervalCentis, vips, new byte[0]), source, 255);
    }

    static VrrpPacket ipv4(VrrpAdvert advert, String source, int ttl) {
        ByteBuffer buf = ByteBuffer.allocate(VrrpCodec.ipv4Length(advert));
        VrrpCodec.encodeIpv4(advert, new VrrpCodec.Ipv4Envelope((Inet4Address) ip(source), VrrpAddresses.MCAST_V4, 1,
                ttl, false, 0, null, false), buf);
        return ((Decoded.Ok) VrrpCodec.decodeIpv4(buf.array())).packet();
    }
}
