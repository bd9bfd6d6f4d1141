package io.jkeepalived.config.model;

import java.util.OptionalInt;

/**
 * {@code lvs_method NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]} (legacy {@code lb_kind}).
 */
public record ForwardingMethod(Kind kind, TunnelType tunnelType, OptionalInt tunnelPort, String tunnelChecksum) {
    public enum Kind { NAT, DR, TUN }

    public enum TunnelType { IPIP, GUE, GRE }

    public static final ForwardingMethod NAT = new ForwardingMethod(Kind.NAT, TunnelType.IPIP, OptionalInt.empty(), "");
    public static final ForwardingMethod DR = new ForwardingMethod(Kind.DR, TunnelType.IPIP, OptionalInt.empty(), "");
    public static final ForwardingMethod TUN = new ForwardingMethod(Kind.TUN, TunnelType.IPIP, OptionalInt.empty(), "");
}
