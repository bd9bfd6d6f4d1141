package io.jkeepalived.lvs;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * keepalived's {@code lvs_sync_daemon IF INSTANCE [id N] [maxlen N] [port N] [ttl N] [group ADDR]} (or the
 * legacy per-instance {@code lvs_sync_daemon_interface IF}): the IPVS connection-sync daemon runs as master
 * while {@code instance} is VRRP MASTER and as backup otherwise. Unset numbers are 0: the kernel's default.
 *
 * @param syncId 0..255; keepalived uses the instance's virtual_router_id when {@code id} is not given
 */
public record SyncDaemonSpec(String interfaceName, String instance, int syncId, int maxLength, int port, int ttl,
                             Optional<InetAddress> group) {

    /**
     * Parses the words after {@code lvs_sync_daemon}; {@code vrid} maps an instance name to its VRID (the
     * default id). Bad words are reported and skipped, as keepalived does; empty when IF or INSTANCE is missing.
     */
    public static Optional<SyncDaemonSpec> parse(String text, java.util.function.ToIntFunction<String> vrid,
                                                 Consumer<String> warning) {
        List<String> w = List.of(text.trim().split("\\s+"));
        if (w.size() < 2 || w.get(0).isEmpty()) {
            warning.accept("lvs_sync_daemon requires an interface and a vrrp_instance");
            return Optional.empty();
        }
        int id = -1;
        int maxLength = 0;
        int port = 0;
        int ttl = 0;
        Optional<InetAddress> group = Optional.empty();
        for (int i = 2; i < w.size(); i++) {
            String key = w.get(i);
            if (i + 1 >= w.size()) {
                warning.accept("lvs_sync_daemon: " + key + " needs a value");
                break;
            }
            String value = w.get(++i);
            try {
                switch (key) {
                    case "id" -> id = bounded(value, 0, 255, key);
                    case "maxlen" -> maxLength = bounded(value, 1, 65535 - 20 - 8, key);
                    case "port" -> port = bounded(value, 1, 65535, key);
                    case "ttl" -> ttl = bounded(value, 1, 255, key);
                    case "group" -> group = Optional.of(InetAddress.ofLiteral(value));
                    default -> warning.accept("lvs_sync_daemon: unknown option " + key);
                }
            } catch (IllegalArgumentException e) {
                warning.accept("lvs_sync_daemon: " + e.getMessage());
            }
        }
        int syncId = id >= 0 ? id : Math.max(0, vrid.applyAsInt(w.get(1)));
        return Optional.of(new SyncDaemonSpec(w.get(0), w.get(1), syncId, maxLength, port, ttl, group));
    }

    private static int bounded(String value, int min, int max, String key) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not a number");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + " " + v + " is outside " + min + ".." + max);
        }
        return v;
    }
}
