package io.jkeepalived.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds ConfigNode trees by hand for tests, one line per node with real line numbers:
 * {@code Trees.parse("vrrp_instance VI_1 {", "  state MASTER", "}")}. Braces must end or be alone on a line.
 */
public final class Trees {
    private Trees() {
    }

    public static List<ConfigNode> parse(String... lines) {
        int[] next = {0};
        return block(lines, next, false);
    }

    private static List<ConfigNode> block(String[] lines, int[] next, boolean inner) {
        var nodes = new ArrayList<ConfigNode>();
        while (next[0] < lines.length) {
            int lineNo = next[0] + 1;
            var raw = lines[next[0]++];
            var text = raw.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.equals("}")) {
                if (inner) {
                    return nodes;
                }
                continue;
            }
            boolean opens = text.endsWith("{");
            if (opens) {
                text = text.substring(0, text.length() - 1).strip();
            }
            int col = raw.indexOf(text.charAt(0)) + 1;
            var words = text.split("\\s+");
            var kw = new Token(words[0], SourcePos.of("test.conf", lineNo, col));
            var args = new ArrayList<Token>();
            int c = col + words[0].length();
            for (int i = 1; i < words.length; i++) {
                c = raw.indexOf(words[i], c);
                args.add(new Token(words[i], SourcePos.of("test.conf", lineNo, c + 1)));
                c += words[i].length();
            }
            nodes.add(new ConfigNode(kw, args, opens ? block(lines, next, true) : List.of(), opens));
        }
        return nodes;
    }
}
