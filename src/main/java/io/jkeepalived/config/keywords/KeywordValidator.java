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
        return walk("ROOT", new StrayBraces(registry, sink).apply(roots));
    }

    /** Returns {@code nodes} itself when every line is known (no copying for the common, clean case). */
    private List<ConfigNode> walk(String blockKind, List<ConfigNode> nodes) {
        var kept = new ArrayList<ConfigNode>(nodes.size());
        boolean changed = false;
        for (var node : nodes) {
            var def = registry.lookup(blockKind, node.name());
            if (def.isEmpty()) {
                unknown(blockKind, node);
                changed = true;
                continue;
            }
            var d = def.get();
            if (!d.knownTo227()) {
                sink.report(Severity.INFO, node.pos(), "keyword '" + node.name() + "' was added in keepalived "
                        + d.since() + "; keepalived 2.2.7 would not know it");
            }
            if (d.deprecatedOf().isPresent()) {
                var successor = d.deprecatedOf().get();
                sink.report(successor.equals("*")
                        ? Diagnostic.of(Severity.INFO, node.pos(), "keyword '" + node.name() + "' is deprecated")
                        : Diagnostic.withHint(Severity.INFO, node.pos(), "keyword '" + node.name() + "' is deprecated",
                                "use '" + successor + "'"));
            }
            if (d.opens() == KeywordDef.Opens.BLOCK) {
                var children = walk(KeywordRegistry.childKind(blockKind, node.name()), node.children());
                if (children != node.children()) {
                    changed = true;
                    kept.add(new ConfigNode(node.keyword(), node.args(), children, node.isBlock(), node.openBrace(), node.closeBrace()));
                    continue;
                }
            }
            kept.add(node);
        }
        return changed ? kept : nodes;
    }

    private void unknown(String blockKind, ConfigNode node) {
        var message = "Unknown keyword '" + node.name() + "'";
        var guess = DidYouMean.closest(node.name(), registry.keywordsOf(blockKind)).map(g -> "did you mean '" + g + "'?")
                .or(() -> registry.blocksOf(node.name()).stream().findFirst()
                        .map(b -> "'" + node.name() + "' belongs in " + KeywordRegistry.path(b).replace(">", " > ")));
        sink.report(guess.map(g -> Diagnostic.withHint(Severity.ERROR, node.pos(), message, g))
                .orElseGet(() -> Diagnostic.of(Severity.ERROR, node.pos(), message)));
    }
}
