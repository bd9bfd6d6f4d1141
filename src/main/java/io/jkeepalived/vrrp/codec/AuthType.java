package io.jkeepalived.vrrp.codec;

/** VRRPv2 authentication types (RFC 2338 5.3.6, kept by keepalived for v2 only). */
public enum AuthType {
    NONE(0), PASS(1), AH(2);

    private final int wire;

    AuthType(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** The type for a wire value, or null when the value is not one VRRPv2 defines. */
    public static AuthType fromWire(int value) {
        return switch (value) {
            case 0 -> NONE;
            case 1 -> PASS;
            case 2 -> AH;
            default -> null;
        };
    }
}
