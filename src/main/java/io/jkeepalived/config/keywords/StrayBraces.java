package io.jkeepalived.config.keywords;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code {} after a keyword that opens no block (typically an undefined {@code ${VAR}}, or an unknown keyword's
 * block), read as keepalived reads it: {@code Unexpected '{' - ignoring}, the lines inside belong to the enclosing
 * block, and the {@code }} closes the enclosing block - so what follows moves one level up (at the top level a
 * {@code }} is {@code Unknown keyword '}'}). The tree is rebuilt only when some block is stray.
 */
final class StrayBraces {
    private static final String LIST = "*list*";

    private final KeywordRegistry registry;
    private final DiagnosticSink sink;

    StrayBraces(KeywordRegistry registry, DiagnosticSink sink) {
        this.registry = registry;
        this.sink = sink;
    }

    List<ConfigNode> apply(List<ConfigNode> roots) {
        return anyStray("ROOT", roots) ? rethread(roots) : roots;
    }

    /** The kind of block {@code keyword} opens inside {@code kind}; null when it opens none (or is unknown there). */
    private String opens(String kind, String keyword) {
        if (kind.equals(LIST)) {
            return LIST;    // free-form lines: their nesting is the list's own business
        }
        var def = registry.lookup(kind, keyword);
        if (def.isEmpty()) {
            return null;
        }
        return switch (def.get().opens()) {
            case BLOCK -> KeywordRegistry.childKind(kind, keyword);
            case LIST -> LIST;
            case NOTHING -> null;
        };
    }

    private boolean anyStray(String kind, List<ConfigNode> nodes) {
        for (var n : nodes) {
            if (n.isBlock()) {
                var child = opens(kind, n.name());
                if (child == null) {
                    return true;
                }
                if (!child.equals(LIST) && anyStray(child, n.children())) {
                    return true;
                }
            }
        }
        return false;
    }

    private sealed interface Event {
        record Line(ConfigNode node) implements Event {
        }

        record Open(SourcePos at) implements Event {
        }

        record Close(SourcePos at) implements Event {
        }
    }

    /** The tree back into lines and braces, in file order. */
    private static void flatten(List<ConfigNode> nodes, List<Event> out) {
        for (var n : nodes) {
            out.add(new Event.Line(new ConfigNode(n.keyword(), n.args(), List.of(), false)));
            if (n.isBlock()) {
                out.add(new Event.Open(n.openBrace().equals(SourcePos.NONE) ? n.pos() : n.openBrace()));
                flatten(n.children(), out);
                out.add(new Event.Close(n.closeBrace().equals(SourcePos.NONE) ? n.pos() : n.closeBrace()));
            }
        }
    }

    private static final class Frame {
        final String kind;
        final ConfigNode owner;
        final SourcePos openBrace;
        final List<ConfigNode> children = new ArrayList<>();

        Frame(String kind, ConfigNode owner, SourcePos openBrace) {
            this.kind = kind;
            this.owner = owner;
            this.openBrace = openBrace;
        }
    }

    private List<ConfigNode> rethread(List<ConfigNode> roots) {
        var events = new ArrayList<Event>();
        flatten(roots, events);
        var stack = new ArrayList<Frame>();
        stack.add(new Frame("ROOT", null, SourcePos.NONE));
        ConfigNode last = null;
        for (var e : events) {
            var current = stack.getLast();
            switch (e) {
                case Event.Line l -> {
                    current.children.add(l.node());
                    last = l.node();
                }
                case Event.Open o -> {
                    String child = last == null ? null : opens(current.kind, last.name());
                    if (child == null) {
                        sink.error(o.at(), "Unexpected '{' - ignoring");
                    } else {
                        current.children.removeLast();
                        stack.add(new Frame(child, last, o.at()));
                    }
                    last = null;
                }
                case Event.Close c -> {
                    last = null;
                    if (stack.size() == 1) {
                        sink.error(c.at(), "Unknown keyword '}'");
                    } else {
                        var done = stack.removeLast();
                        stack.getLast().children.add(new ConfigNode(done.owner.keyword(), done.owner.args(), done.children,
                                true, done.openBrace, c.at()));
                    }
                }
            }
        }
        while (stack.size() > 1) {
            var done = stack.removeLast();
            stack.getLast().children.add(new ConfigNode(done.owner.keyword(), done.owner.args(), done.children, true,
                    done.openBrace, SourcePos.NONE));
        }
        return stack.getFirst().children;
    }
}
