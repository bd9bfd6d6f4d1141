package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.net.InetAddress;
import java.util.OptionalInt;

/** One {@code unicast_peer} entry: {@code IP [min_ttl N] [max_ttl N]}. */
public record UnicastPeerSpec(InetAddress address, OptionalInt minTtl, OptionalInt maxTtl, SourcePos pos) {
}
