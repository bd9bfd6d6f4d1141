package io.jkeepalived.config.model;

/**
 * VRRPv2 {@code authentication { auth_type PASS|AH; auth_pass X }}. The password is kept as keepalived
 * uses it: at most 8 bytes.
 */
public record AuthSpec(Type type, String password) {
    public enum Type { PASS, AH }
}
