package io.jkeepalived.vrrp.codec;

import java.net.InetAddress;

/**
 * One {@code unicast_peer} as the receive checks see it: the address adverts may come from and the TTL /
 * hop-limit range they must arrive with (keepalived's defaults 0..255: any).
 */
public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {
    public static final int ANY_MIN = 0;
    public static final int ANY_MAX = 255;

    public UnicastPeer {
        if (minTtl < 0 || maxTtl > 255) {
            throw new IllegalArgumentException("unicast_peer " + address.getHostAddress() + ": TTL outside 0..255");
        }
    }

    public static UnicastPeer anyTtl(InetAddress address) {
        return new UnicastPeer(address, ANY_MIN, ANY_MAX);
    }

    boolean ttlAllowed(int ttl) {
        return ttl >= minTtl && ttl <= maxTtl;
    }
}
