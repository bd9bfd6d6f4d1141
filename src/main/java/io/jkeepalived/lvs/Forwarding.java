package io.jkeepalived.lvs;

/**
 * How packets reach a real server: NAT (the director rewrites the destination), DR (the director rewrites
 * only the MAC; the real server holds the VIP) or TUN (IP-in-IP / GUE / GRE encapsulation).
 *
 * @param tunnelPort  GUE's UDP port, 0 otherwise
 */
public record Forwarding(Method method, TunnelType tunnelType, int tunnelPort, TunnelChecksum checksum) {
    public enum Method { NAT, DR, TUN }

    public enum TunnelType { IPIP, GUE, GRE }

    public enum TunnelChecksum { NOCSUM, CSUM, REMCSUM }

    public static final Forwarding NAT = new Forwarding(Method.NAT, TunnelType.IPIP, 0, TunnelChecksum.NOCSUM);
    public static final Forwarding DR = new Forwarding(Method.DR, TunnelType.IPIP, 0, TunnelChecksum.NOCSUM);

    public static Forwarding tunnel(TunnelType type, int port, TunnelChecksum checksum) {
        return new Forwarding(Method.TUN, type, port, checksum);
    }

    /** ipvsadm's words: Masq, Route, Tunnel. */
    public String display() {
        return switch (method) {
            case NAT -> "Masq";
            case DR -> "Route";
            case TUN -> "Tunnel";
        };
    }
}
