package io.jkeepalived.config.keywords;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a parsed tree against keepalived's keyword tables: reports {@code Unknown keyword 'X'} (with a
 * "did you mean" when a known keyword is close) and drops that line or block, notes keywords keepalived
 * 2.2.7 would not know, and returns the tree with only known keywords. Lines inside free-form list
 * blocks (addresses, routes, names) are kept as they are.
 */
public final class KeywordValidator {
    private final KeywordRegistry registry;
    private final DiagnosticSink sink;

    public KeywordValidator(KeywordRegistry registry, DiagnosticSink sink) {
        this.registry = registry;
        this.sink = sink;
    }

    public List<ConfigNode> validate(List<ConfigNode> roots) {
        return walk("ROOT", roots);
    }

    private List<ConfigNode> walk(String blockKind, List<ConfigNode> nodes) {
        var kept = new ArrayList<ConfigNode>(nodes.size());
        for (var node : nodes) {
            var def = registry.lookup(blockKind, node.name());
            if (def.isEmpty()) {
                unknown(blockKind, node);
                continue;
            }
            var d = def.get();
            if (!d.knownTo227()) {
                sink.report(Severity.INFO, node.pos(), "keyword '" + node.name() + "' was added in keepalived "
                        + d.since() + "; keepalived 2.2.7 would not know it");
            }
            switch (d.opens()) {
                case BLOCK -> kept.add(new ConfigNode(node.keyword(), node.args(),
                        walk(KeywordRegistry.childKind(blockKind, node.name()), node.children()), node.isBlock()));
                case LIST, NOTHING -> kept.add(node);
            }
        }
        return kept;
    }

    private void unknown(String blockKind, ConfigNode node) {
        var message = "Unknown keyword '" + node.name() + "'";
        var guess = DidYouMean.closest(node.name(), registry.keywordsOf(blockKind));
        sink.report(guess.map(g -> Diagnostic.withHint(Severity.ERROR, node.pos(), message, "did you mean '" + g + "'?"))
                .orElseGet(() -> Diagnostic.of(Severity.ERROR, node.pos(), message)));
    }
}
