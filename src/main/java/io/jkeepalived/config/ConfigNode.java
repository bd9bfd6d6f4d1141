package io.jkeepalived.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One configuration line: its first word (the keyword, or in a free-form list block such as
 * {@code virtual_ipaddress} the first word of the entry), the remaining words, and, when the line
 * opened a {@code { ... }} block, the lines inside it and where its braces are ({@link SourcePos#NONE} when not
 * known).
 */
public record ConfigNode(Token keyword, List<Token> args, List<ConfigNode> children, boolean isBlock, SourcePos openBrace,
        SourcePos closeBrace) {
    public ConfigNode {
        args = List.copyOf(args);
        children = List.copyOf(children);
    }

    public ConfigNode(Token keyword, List<Token> args, List<ConfigNode> children, boolean isBlock) {
        this(keyword, args, children, isBlock, SourcePos.NONE, SourcePos.NONE);
    }

    public String name() {
        return keyword.text();
    }

    public SourcePos pos() {
        return keyword.pos();
    }

    /** The words after the keyword as plain strings. */
    public List<String> argTexts() {
        // A plain loop: this runs for most lines of a configuration, often before C1 has compiled anything,
        // and an interpreted stream pipeline costs ten times as much.
        var texts = new ArrayList<String>(args.size());
        for (var t : args) {
            texts.add(t.text());
        }
        return Collections.unmodifiableList(texts);
    }

    /** The keyword followed by its arguments, as keepalived passes a whole line to list-block handlers. */
    public List<String> words() {
        var all = new ArrayList<String>(args.size() + 1);
        all.add(keyword.text());
        for (var t : args) {
            all.add(t.text());
        }
        return all;
    }
}
