package io.jkeepalived.config.load;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.ParsedConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration as it was read, for {@code config_save_dir}: like keepalived's copy of the configuration, one
 * line per logical line without comments or indentation, with a {@code # FILE} line wherever reading moves to
 * another file (includes expanded in place, definitions replaced). A word holding white space or a quote is
 * written between double quotes, so the copy reads back to the same words.
 */
public final class ConfigCopy {
    private ConfigCopy() {
    }

    public static String render(ParsedConfig parsed) {
        var out = new ArrayList<String>();
        var file = new String[] {""};
        for (ConfigNode root : parsed.roots()) {
            render(root, out, file);
        }
        return String.join("\n", out) + (out.isEmpty() ? "" : "\n");
    }

    private static void render(ConfigNode node, List<String> out, String[] file) {
        String here = node.pos().file();
        if (!here.isEmpty() && !here.equals(file[0])) {
            out.add("# " + here);
            file[0] = here;
        }
        var line = new StringBuilder(word(node.name()));
        for (String arg : node.argTexts()) {
            line.append(' ').append(word(arg));
        }
        if (!node.isBlock()) {
            out.add(line.toString());
            return;
        }
        out.add(line.append(" {").toString());
        for (ConfigNode child : node.children()) {
            render(child, out, file);
        }
        out.add("}");
    }

    private static String word(String w) {
        boolean plain = !w.isEmpty() && w.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\''
                || c == '#' || c == '!' || c == '{' || c == '}' || c == '\\');
        if (plain) {
            return w;
        }
        return '"' + w.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
