package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One route of {@code virtual_routes} / {@code static_routes}. The commonly used options are typed;
 * {@code words} keeps the whole line as written so an adapter can pass the rest through.
 *
 * @param destination  {@code PREFIX/LEN} ("default" becomes 0.0.0.0/0 or ::/0)
 * @param type         unicast, blackhole, unreachable, prohibit, throw, local, broadcast, ...
 * @param via          the gateway address as written, without keepalived's {@code inet}/{@code inet6} family word
 * @param nexthops     multipath {@code nexthop via A dev X weight N ...}, in order (empty: a single path)
 * @param metrics      the route metrics ({@code mtu}, {@code ssthresh} ...), each possibly {@code lock}ed
 * @param ttlPropagate {@code ttl-propagate enabled|disabled}
 */
public record RouteSpec(
        String destination,
        Optional<String> source,
        Optional<String> via,
        List<String> orVia,
        Optional<String> dev,
        Optional<String> table,
        OptionalInt metric,
        Optional<String> scope,
        String type,
        Optional<String> protocol,
        boolean noTrack,
        Optional<String> trackGroup,
        List<Nexthop> nexthops,
        List<Metric> metrics,
        Optional<Boolean> ttlPropagate,
        List<String> words,
        SourcePos pos) {
    public RouteSpec {
        orVia = List.copyOf(orVia);
        nexthops = List.copyOf(nexthops);
        metrics = List.copyOf(metrics);
        words = List.copyOf(words);
    }

    /** One path of a multipath route; {@code weight} 1-256, 0 when not given (the kernel's 1). */
    public record Nexthop(Optional<String> via, Optional<String> dev, int weight, boolean onlink) {
    }

    /** A route metric by its iproute2 name ({@code mtu}, {@code advmss}, {@code ssthresh} ...). */
    public record Metric(String name, long value, boolean locked) {
    }
}
