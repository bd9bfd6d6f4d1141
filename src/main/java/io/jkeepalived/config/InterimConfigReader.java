package io.jkeepalived.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small stand-in for the full lexer (branch {@code lex}) so the keyword tables, model and {@code -t}
 * can be built and tested before it lands: comments, quotes, braces on the same or next line, and
 * {@code @id}/{@code @^id} conditional lines. No includes, definitions or sequences. Replaced by
 * {@code io.jkeepalived.config.lex.ConfigReader} once merged.
 */
public final class InterimConfigReader {
    private final List<Token> tokens = new ArrayList<>();
    private int next;

    private static final Token EOL = new Token("\n", SourcePos.NONE);

    private InterimConfigReader() {
    }

    public static ParsedConfig read(Path file, String configId) throws IOException {
        var r = new InterimConfigReader();
        var name = file.toString();
        int lineNo = 0;
        for (var line : Files.readAllLines(file)) {
            lineNo++;
            r.tokenize(name, lineNo, line, configId);
        }
        var roots = r.block(false);
        return new ParsedConfig(roots, List.of(), List.of(file));
    }

    private void tokenize(String file, int lineNo, String line, String configId) {
        int i = 0;
        var trimmed = line.stripLeading();
        if (trimmed.startsWith("@")) {
            int end = 1;
            while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
                end++;
            }
            var cond = trimmed.substring(1, end);
            boolean negate = cond.startsWith("^");
            var id = negate ? cond.substring(1) : cond;
            boolean matches = id.equals(configId);
            if (matches == negate) {
                return;
            }
            i = line.length() - trimmed.length() + end;
        }
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == '!') {
                break;
            } else if (c == '{' || c == '}') {
                tokens.add(new Token(String.valueOf(c), SourcePos.of(file, lineNo, i + 1)));
                i++;
            } else {
                int start = i;
                var sb = new StringBuilder();
                while (i < line.length()) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        int close = line.indexOf('"', i + 1);
                        if (close < 0) {
                            close = line.length();
                        }
                        sb.append(line, i + 1, close);
                        i = Math.min(close + 1, line.length());
                        continue;
                    }
                    if (Character.isWhitespace(d) || d == '{' || d == '}') {
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                tokens.add(new Token(sb.toString(), SourcePos.of(file, lineNo, start + 1)));
            }
        }
        tokens.add(EOL);
    }

    private Token peek() {
        return next < tokens.size() ? tokens.get(next) : null;
    }

    private List<ConfigNode> block(boolean untilBrace) {
        var nodes = new ArrayList<ConfigNode>();
        while (true) {
            while (peek() == EOL) {
                next++;
            }
            var t = peek();
            if (t == null) {
                return nodes;
            }
            next++;
            if (t.text().equals("}")) {
                if (untilBrace) {
                    return nodes;
                }
                continue;
            }
            if (t.text().equals("{")) {
                nodes.addAll(block(true));
                continue;
            }
            var args = new ArrayList<Token>();
            while (peek() != null && peek() != EOL && !peek().text().equals("{") && !peek().text().equals("}")) {
                args.add(tokens.get(next++));
            }
            int save = next;
            while (peek() == EOL) {
                next++;
            }
            if (peek() != null && peek().text().equals("{")) {
                next++;
                nodes.add(new ConfigNode(t, args, block(true), true));
            } else {
                next = save;
                nodes.add(new ConfigNode(t, args, List.of(), false));
            }
        }
    }
}
