package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.BfdInstanceSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * One {@code bfd_instance} block while it is read: {@link BfdInstanceKeywords} fills it in, {@link #finish}
 * applies keepalived's end-of-block checks.
 */
final class BfdInstanceDraft {
    final String name;
    InetAddress neighbor;
    InetAddress source;
    long minRx = 10;
    long minTx = 10;
    long idleTx = 1000;
    int mult = 5;
    boolean passive;
    int ttl = 255;
    int hop = 64;
    int maxHops;
    boolean multihop;
    int weight;
    boolean reverse;
    boolean vrrp;
    boolean checker;

    BfdInstanceDraft(String name) {
        this.name = name;
    }

    Optional<BfdInstanceSpec> finish(ConfigNode block, DiagnosticSink sink) {
        if (neighbor == null) {
            sink.error(VrrpBuilder.endPos(block), "Configuration error: BFD instance " + name
                    + " has no neighbor address set, disabling instance");
            return Optional.empty();
        }
        return Optional.of(new BfdInstanceSpec(name, Optional.of(neighbor), Optional.ofNullable(source),
                Duration.ofMillis(minRx), Duration.ofMillis(minTx), Duration.ofMillis(idleTx), mult, passive, ttl, hop,
                maxHops, multihop, weight, reverse, vrrp, checker, block.pos()));
    }
}
