package io.jkeepalived.config.lex;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.ParsedConfig;
import java.util.ArrayDeque;
import java.util.List;

/** Renders a parsed tree as indented text ("word|word {", children, "}"), so tests can compare whole trees. */
final class TreeText {
    private TreeText() {
    }

    static String of(ParsedConfig pc) {
        return of(pc.roots());
    }

    static String of(List<ConfigNode> roots) {
        var sb = new StringBuilder();
        // Iterative, because the bad-input tests build very deep trees.
        record Item(ConfigNode node, int depth, boolean close) {
        }
        var stack = new ArrayDeque<Item>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(new Item(roots.get(i), 0, false));
        }
        while (!stack.isEmpty()) {
            Item it = stack.pop();
            String indent = "  ".repeat(it.depth());
            if (it.close()) {
                sb.append(indent).append("}\n");
                continue;
            }
            sb.append(indent).append(String.join("|", it.node().words()));
            if (it.node().isBlock()) {
                sb.append(" {\n");
                stack.push(new Item(it.node(), it.depth(), true));
                List<ConfigNode> ch = it.node().children();
                for (int i = ch.size() - 1; i >= 0; i--) {
                    stack.push(new Item(ch.get(i), it.depth() + 1, false));
                }
            } else {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static String diags(ParsedConfig pc) {
        var sb = new StringBuilder();
        for (Diagnostic d : pc.diagnostics()) {
            sb.append(d.severity()).append(' ').append(d.pos()).append(' ').append(d.message()).append('\n');
        }
        return sb.toString();
    }
}
