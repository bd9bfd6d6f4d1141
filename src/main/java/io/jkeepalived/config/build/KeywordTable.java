package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Map<String, Row<D>> rows;

    /** One keyword's handler and, once the table says it, its run-time status. */
    private record Row<D>(KeywordHandler<D> handler, Optional<KeywordStatus> status) {
    }

    private KeywordTable(String block, Map<String, Row<D>> rows) {
        this.block = block;
        this.rows = Map.copyOf(rows);
    }

    /** Starts the table of {@code block}, named as in keepalived's keyword tables (keywords.tsv). */
    static <D> Builder<D> of(String block) {
        return new Builder<>(block);
    }

    String block() {
        return block;
    }

    Set<String> keywords() {
        return rows.keySet();
    }

    /** The run-time status the table gives {@code keyword}; empty when it has no row or the row says none. */
    Optional<KeywordStatus> status(String keyword) {
        var row = rows.get(keyword);
        return row == null ? Optional.empty() : row.status();
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
        var row = rows.get(line.name());
        if (row != null) {
            if (row.status().orElse(null) instanceof KeywordStatus.Unsupported u) {
                sink.report(Severity.UNSUPPORTED, line.pos(), KeywordStatus.notSupported(line.name(), u));
            }
            row.handler().apply(draft, new Words(line, sink));
        }
    }

    static final class Builder<D> {
        private final String block;
        private final Map<String, Row<D>> rows = new LinkedHashMap<>();
        /** The keywords of the last {@code on}: the ones a following status call is about. */
        private final List<String> last = new ArrayList<>();

        private Builder(String block) {
            this.block = block;
        }

        /** A line starting with {@code keyword} does {@code handler}; a keyword has one handler. */
        Builder<D> on(String keyword, KeywordHandler<D> handler) {
            return on(List.of(keyword), handler);
        }

        /** {@code alias} is keepalived's old or alternative spelling of {@code keyword}. */
        Builder<D> on(String keyword, String alias, KeywordHandler<D> handler) {
            return on(List.of(keyword, alias), handler);
        }

        /** Several keywords that do the same (the handler tells them apart by {@link Words#keyword()} if it must). */
        Builder<D> on(List<String> keywords, KeywordHandler<D> handler) {
            last.clear();
            for (var keyword : keywords) {
                add(keyword, new Row<>(handler, Optional.empty()));
                last.add(keyword);
            }
            return this;
        }

        private void add(String keyword, Row<D> row) {
            if (rows.putIfAbsent(keyword, row) != null) {
                throw new IllegalStateException(block + ": keyword '" + keyword + "' has two handlers");
            }
        }

        /** Every row of {@code shared} (keywords several blocks take), applied to the part of the draft it fills. */
        <E> Builder<D> include(KeywordTable<E> shared, Function<D, E> part) {
            last.clear();
            shared.rows.forEach((keyword, row) -> add(keyword,
                    new Row<D>((draft, line) -> row.handler().apply(part.apply(draft), line), row.status())));
            return this;
        }

        /** Keywords the block accepts and deliberately does nothing with here (said why at the call). */
        Builder<D> accepted(String... keywords) {
            return on(List.of(keywords), (draft, line) -> {
            });
        }

        /** The last row(s) take effect: their handler fills {@code fills}, read at run time. */
        <A> Builder<D> applied(ModelAccessor<A> fills) {
            return status(new KeywordStatus.Applied(List.of(fills)));
        }

        /** The last row(s) take effect through both accessors. */
        <A, B> Builder<D> applied(ModelAccessor<A> fills, ModelAccessor<B> alsoFills) {
            return status(new KeywordStatus.Applied(List.of(fills, alsoFills)));
        }

        /** The last row(s) take effect through the three accessors. */
        <A, B, C> Builder<D> applied(ModelAccessor<A> fills, ModelAccessor<B> alsoFills, ModelAccessor<C> andFills) {
            return status(new KeywordStatus.Applied(List.of(fills, alsoFills, andFills)));
        }

        /** The last row(s) are accepted and not acted on: {@code reason} names the missing feature. */
        Builder<D> unsupported(String reason) {
            return status(new KeywordStatus.Unsupported(reason));
        }

        /** The last row(s) take effect in the configuration itself; {@code how} says how. */
        Builder<D> configOnly(String how) {
            return status(new KeywordStatus.ConfigOnly(how));
        }

        private Builder<D> status(KeywordStatus status) {
            if (last.isEmpty()) {
                throw new IllegalStateException(block + ": a status must follow the row it is about");
            }
            for (var keyword : last) {
                var row = rows.get(keyword);
                if (row.status().isPresent()) {
                    throw new IllegalStateException(block + ": keyword '" + keyword + "' has two statuses");
                }
                rows.put(keyword, new Row<>(row.handler(), Optional.of(status)));
            }
            return this;
        }

        KeywordTable<D> build() {
            return new KeywordTable<>(block, rows);
        }
    }
}
