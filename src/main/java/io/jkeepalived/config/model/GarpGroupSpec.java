package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.time.Duration;
import java.util.List;

/** {@code garp_group { garp_interval; gna_interval; interface IF | interfaces { ... } }}. */
public record GarpGroupSpec(Duration garpInterval, Duration gnaInterval, List<String> interfaces, SourcePos pos) {
    public GarpGroupSpec {
        interfaces = List.copyOf(interfaces);
    }
}
