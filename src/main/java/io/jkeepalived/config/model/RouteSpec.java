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
        List<String> words,
        SourcePos pos) {
    public RouteSpec {
        orVia = List.copyOf(orVia);
        words = List.copyOf(words);
    }
}
