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
            var tokens = new ArrayList<Token>();
            int i = raw.indexOf(text.charAt(0));
            int end = i + text.length();
            while (i < end) {
                if (Character.isWhitespace(raw.charAt(i))) {
                    i++;
                    continue;
                }
                int start = i;
                var sb = new StringBuilder();
                if (raw.charAt(i) == '"') {
                    int close = raw.indexOf('"', i + 1);
                    sb.append(raw, i + 1, close);
                    i = close + 1;
                } else {
                    while (i < end && !Character.isWhitespace(raw.charAt(i))) {
                        sb.append(raw.charAt(i++));
                    }
                }
                tokens.add(new Token(sb.toString(), SourcePos.of("test.conf", lineNo, start + 1)));
            }
            var kw = tokens.get(0);
            var args = tokens.subList(1, tokens.size());
            nodes.add(new ConfigNode(kw, args, opens ? block(lines, next, true) : List.of(), opens));
        }
        return nodes;
    }
}
