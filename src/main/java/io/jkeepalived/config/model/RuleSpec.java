package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One policy-routing rule of {@code virtual_rules} / {@code static_rules}. {@code preference} is the
 * one keepalived assigns when none was given (with its warning).
 */
public record RuleSpec(
        AddressFamily family,
        Optional<String> from,
        Optional<String> to,
        Optional<String> table,
        long preference,
        boolean preferenceWasSet,
        Optional<String> iif,
        Optional<String> oif,
        OptionalLong fwmark,
        OptionalLong fwmask,
        Optional<String> type,
        boolean noTrack,
        Optional<String> trackGroup,
        List<String> words,
        SourcePos pos) {
    public RuleSpec {
        words = List.copyOf(words);
    }
}
