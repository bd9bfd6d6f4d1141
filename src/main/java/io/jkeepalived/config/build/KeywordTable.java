package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The keywords of one block kind, each beside its handler: a keyword and what it does are one entry.
 * Built once and immutable. Unknown keywords never reach a table (the keyword validator reported and
 * dropped them), so a line without a handler is one the block accepts and reads elsewhere or ignores.
 *
 * @param <D> the draft the handlers fill in
 */
final class KeywordTable<D> {
    private final String block;
    private final Map<String, KeywordHandler<D>> handlers;

    private KeywordTable(String block, Map<String, KeywordHandler<D>> handlers) {
        this.block = block;
        this.handlers = Map.copyOf(handlers);
    }

    /** Starts the table of {@code block}, named as in keepalived's keyword tables (keywords.tsv). */
    static <D> Builder<D> of(String block) {
        return new Builder<>(block);
    }

    String block() {
        return block;
    }

    Set<String> keywords() {
        return handlers.keySet();
    }

    /** Applies every line inside {@code block} to {@code draft}, in the order written. */
    void readAll(D draft, ConfigNode block, DiagnosticSink sink) {
        readAll(draft, block.children(), sink);
    }

    /** Applies {@code lines} to {@code draft}, in the order written. */
    void readAll(D draft, List<ConfigNode> lines, DiagnosticSink sink) {
        for (var line : lines) {
            read(draft, line, sink);
        }
    }

    /** Applies one line to {@code draft}. */
    void read(D draft, ConfigNode line, DiagnosticSink sink) {
        var handler = handlers.get(line.name());
        if (handler != null) {
            handler.apply(draft, new Words(line, sink));
        }
    }

    static final class Builder<D> {
        private final String block;
        private final Map<String, KeywordHandler<D>> handlers = new LinkedHashMap<>();

        private Builder(String block) {
            this.block = block;
        }

        /** A line starting with {@code keyword} does {@code handler}; a keyword has one handler. */
        Builder<D> on(String keyword, KeywordHandler<D> handler) {
            if (handlers.putIfAbsent(keyword, handler) != null) {
                throw new IllegalStateException(block + ": keyword '" + keyword + "' has two handlers");
            }
            return this;
        }

        /** {@code alias} is keepalived's old or alternative spelling of {@code keyword}. */
        Builder<D> on(String keyword, String alias, KeywordHandler<D> handler) {
            return on(keyword, handler).on(alias, handler);
        }

        /** Several keywords that do the same (the handler tells them apart by {@link Words#keyword()} if it must). */
        Builder<D> on(List<String> keywords, KeywordHandler<D> handler) {
            keywords.forEach(k -> on(k, handler));
            return this;
        }

        /** Every row of {@code shared} (keywords several blocks take), applied to the part of the draft it fills. */
        <E> Builder<D> include(KeywordTable<E> shared, Function<D, E> part) {
            shared.handlers.forEach((keyword, handler) ->
                    on(keyword, (draft, line) -> handler.apply(part.apply(draft), line)));
            return this;
        }

        /** Keywords the block accepts and deliberately does nothing with here (said why at the call). */
        Builder<D> accepted(String... keywords) {
            for (var k : keywords) {
                on(k, (draft, line) -> {
                });
            }
            return this;
        }

        KeywordTable<D> build() {
            return new KeywordTable<>(block, handlers);
        }
    }
}
