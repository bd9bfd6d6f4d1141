package io.jkeepalived.lvs.ipvs;

/**
 * {@code ipvsadm --set tcp tcpfin udp}, keepalived's {@code lvs_timeouts}: seconds, 0 = leave unchanged.
 */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {
    public IpvsTimeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }
}
