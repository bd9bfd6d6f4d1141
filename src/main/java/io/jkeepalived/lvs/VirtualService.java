package io.jkeepalived.lvs;

/** One service the data plane balances: an address/port/protocol, or a firewall mark. */
public sealed interface VirtualService {

    /** keepalived's words for it, e.g. {@code [192.0.2.100]:tcp:80} or {@code FWM 5}. */
    String display();

    record Address(String ip, int port, String protocol) implements VirtualService {
        @Override
        public String display() {
            return "[" + ip + "]:" + protocol + ":" + port;
        }
    }

    record Fwmark(int mark) implements VirtualService {
        @Override
        public String display() {
            return "FWM " + mark;
        }
    }
}
