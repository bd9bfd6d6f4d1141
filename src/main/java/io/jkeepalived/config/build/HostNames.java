package io.jkeepalived.config.build;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a host name resolves, for keepalived's parse-time check of {@code smtp_server NAME}. */
public interface HostNames {
    boolean resolves(String name);

    /** The system resolver (keepalived calls getaddrinfo while it reads the configuration). */
    static HostNames system() {
        return name -> {
            try {
                InetAddress.getAllByName(name);
                return true;
            } catch (UnknownHostException e) {
                return false;
            } catch (RuntimeException e) {
                return true; // cannot tell: do not invent an error
            }
        };
    }
}
