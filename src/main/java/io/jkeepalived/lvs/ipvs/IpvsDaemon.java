package io.jkeepalived.lvs.ipvs;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection-synchronisation daemon ({@code ipvsadm --start-daemon}, keepalived's {@code lvs_sync_daemon}).
 * Optional settings are 0 / empty when the kernel's default is wanted (maxlen: MTU-based, port 8848, ttl 1,
 * group 224.0.0.81); they are then not sent, as ipvsadm does.
 *
 * @param state         {@link #MASTER} or {@link #BACKUP}
 * @param interfaceName the multicast interface ({@code ""} in a stop request)
 * @param syncId        0..255
 */
public record IpvsDaemon(int state, String interfaceName, int syncId, int maxLength, Optional<InetAddress> group,
                         int port, int ttl) {
    public static final int MASTER = 1;
    public static final int BACKUP = 2;

    public IpvsDaemon {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(group, "group");
        if (state != MASTER && state != BACKUP) {
            throw new IllegalArgumentException("state must be MASTER (1) or BACKUP (2): " + state);
        }
        if (interfaceName.length() > 15) {
            throw new IllegalArgumentException("interface name longer than 15: " + interfaceName);
        }
    }

    public static IpvsDaemon of(int state, String interfaceName, int syncId) {
        return new IpvsDaemon(state, interfaceName, syncId, 0, Optional.empty(), 0, 0);
    }

    public String stateName() {
        return state == MASTER ? "master" : "backup";
    }
}
