package io.jkeepalived.lvs;

/**
 * The identity of one service the data plane balances: an address/port/protocol, or a firewall mark of
 * one address family. Two services with equal keys are the same kernel object.
 */
public sealed interface VirtualService {

    /** keepalived's words for it, e.g. {@code [192.0.2.100]:tcp:80} or {@code FWM 5}. */
    String display();

    boolean ipv6();

    /** @param ip as {@link java.net.InetAddress#getHostAddress()} writes it; @param protocol tcp, udp or sctp */
    record Address(String ip, int port, String protocol) implements VirtualService {
        @Override
        public String display() {
            return "[" + ip + "]:" + protocol + ":" + port;
        }

        @Override
        public boolean ipv6() {
            return ip.indexOf(':') >= 0;
        }
    }

    record Fwmark(int mark, boolean ipv6) implements VirtualService {
        /** An IPv4 firewall-mark service (keepalived's default family). */
        public Fwmark(int mark) {
            this(mark, false);
        }

        @Override
        public String display() {
            return "FWM " + mark;
        }
    }
}
