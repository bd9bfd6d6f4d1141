package io.jkeepalived.config.build;

import java.util.List;

/** What a keyword row does at run time: the rule "every keyword either takes effect or is named". */
public sealed interface KeywordStatus {

    /** Takes effect: its handler fills {@code fills}, which run-time code (outside the config packages) reads. */
    record Applied(List<ModelAccessor<?>> fills) implements KeywordStatus {
        public Applied {
            fills = List.copyOf(fills);
            if (fills.isEmpty()) {
                throw new IllegalArgumentException("an applied keyword names what it fills");
            }
        }
    }

    /** Accepted and ignored at run time, said at start and in -t: {@code reason} is the feature missing. */
    record Unsupported(String reason) implements KeywordStatus {
    }

    /** Takes effect in the configuration itself (reading, checking, defaults of other keywords). */
    record ConfigOnly(String how) implements KeywordStatus {
    }

    /** How {@code --dump-keywords} shows it: {@code applied}, {@code unsupported: SNMP}, {@code config-only}. */
    default String label() {
        return switch (this) {
            case Applied a -> "applied";
            case Unsupported u -> "unsupported: " + u.reason();
            case ConfigOnly c -> "config-only";
        };
    }

    /** The warning at start and in -t for an unsupported keyword on a line. */
    static String notSupported(String keyword, Unsupported u) {
        return keyword + " is not supported by jkeepalived (" + u.reason() + ") and is ignored";
    }
}
