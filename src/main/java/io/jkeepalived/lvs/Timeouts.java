package io.jkeepalived.lvs;

/** {@code lvs_timeouts tcp N tcpfin N udp N} in seconds; 0 leaves the kernel's value. */
public record Timeouts(int tcp, int tcpFin, int udp) {
    public static final Timeouts UNCHANGED = new Timeouts(0, 0, 0);
}
