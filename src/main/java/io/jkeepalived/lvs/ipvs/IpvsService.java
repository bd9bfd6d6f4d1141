package io.jkeepalived.lvs.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPVS virtual service as the kernel's {@code IPVS_CMD_ATTR_SERVICE} carries it. A fwmark service has
 * {@code fwmark != 0}; its protocol, address and port are then not sent (the kernel reports them as 0).
 *
 * @param family      {@link #AF_INET} or {@link #AF_INET6}
 * @param protocol    {@link #TCP}, {@link #UDP} or {@link #SCTP}; 0 for a fwmark service
 * @param address     the virtual address (the family's zero address for a fwmark service)
 * @param port        0..65535 (0 for a fwmark service or a port-less persistent service)
 * @param scheduler   {@code rr}, {@code wrr}, {@code sh} ... ({@code ""} where only the identity matters)
 * @param flags       {@code IP_VS_SVC_F_*} bits (persistent, one-packet, sched1..3)
 * @param timeout     persistence timeout in seconds
 * @param netmask     persistence granularity: an IPv4 mask as a big-endian int, or an IPv6 prefix length
 * @param persistenceEngine {@code sip} or {@code ""}
 */
public record IpvsService(int family, int protocol, InetAddress address, int port, int fwmark, String scheduler,
                          int flags, int timeout, int netmask, String persistenceEngine) {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int SCTP = 132;
    public static final int F_PERSISTENT = 0x1;
    public static final int F_HASHED = 0x2;
    public static final int F_ONEPACKET = 0x4;
    /** sh-fallback / mh-fallback. */
    public static final int F_SCHED1 = 0x8;
    /** sh-port / mh-port. */
    public static final int F_SCHED2 = 0x10;
    public static final int F_SCHED3 = 0x20;

    public IpvsService {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(persistenceEngine, "persistenceEngine");
        if (family != AF_INET && family != AF_INET6) {
            throw new IllegalArgumentException("family must be AF_INET or AF_INET6: " + family);
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A service on address:port, with ipvsadm's defaults (no persistence, full netmask). */
    public static IpvsService of(int protocol, InetAddress address, int port, String scheduler) {
        int family = address.getAddress().length == 4 ? AF_INET : AF_INET6;
        return new IpvsService(family, protocol, address, port, 0, scheduler, 0, 0, fullNetmask(family), "");
    }

    /** A fwmark service with ipvsadm's defaults. */
    public static IpvsService ofFwmark(int family, int fwmark, String scheduler) {
        return new IpvsService(family, 0, zero(family), 0, fwmark, scheduler, 0, 0, fullNetmask(family), "");
    }

    /** ipvsadm's netmask when none is given: 255.255.255.255 or /128. */
    public static int fullNetmask(int family) {
        return family == AF_INET ? 0xffffffff : 128;
    }

    static InetAddress zero(int family) {
        try {
            return InetAddress.getByAddress(new byte[family == AF_INET ? 4 : 16]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    /** The same service with other settings; the key (family, protocol, address, port, fwmark) is kept. */
    public IpvsService withScheduler(String name, int newFlags, int newTimeout, int newNetmask, String pe) {
        return new IpvsService(family, protocol, address, port, fwmark, name, newFlags, newTimeout, newNetmask, pe);
    }

    /** What identifies the service to the kernel. */
    public Key key() {
        return new Key(family, isFwmark() ? 0 : protocol, isFwmark() ? zero(family) : address, isFwmark() ? 0 : port, fwmark);
    }

    /** The kernel's identity of a service. */
    public record Key(int family, int protocol, InetAddress address, int port, int fwmark) {
    }

    /** ipvsadm's words: {@code TCP 192.0.2.10:80}, {@code UDP [2001:db8::10]:53}, {@code FWM 7}. */
    public String describe() {
        if (isFwmark()) {
            return "FWM " + fwmark + (family == AF_INET6 ? " IPv6" : "");
        }
        String proto = switch (protocol) {
            case TCP -> "TCP";
            case UDP -> "UDP";
            case SCTP -> "SCTP";
            default -> "proto " + protocol;
        };
        return proto + " " + IpvsDest.hostPort(address, port);
    }
}
