package io.jkeepalived.lvs;

/** A destination behind a virtual service. */
public record RealServer(String ip, int port) {
    /** keepalived's words, e.g. {@code [192.0.2.11]:tcp:80} (the protocol is the virtual service's). */
    public String display(String protocol) {
        return "[" + ip + "]:" + protocol + ":" + port;
    }
}
