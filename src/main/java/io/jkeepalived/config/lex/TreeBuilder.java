package io.jkeepalived.config.lex;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link ConfigNode} tree from logical lines, without recursion: a line followed by a {@code {} line
 * opens a block that the matching {@code }} closes. Brace mistakes are reported with keepalived's words.
 */
final class TreeBuilder {
    /** Deeper nesting than this is refused (keepalived's deepest real block is 4 levels). */
    static final int MAX_DEPTH = 100;

    private static final class Frame {
        final Token keyword;
        final List<Token> args;
        final List<ConfigNode> children = new ArrayList<>();
        /** A '{' that followed no keyword: its lines belong to the enclosing block. */
        final boolean phantom;
        final SourcePos openBrace;

        Frame(Token keyword, List<Token> args, boolean phantom, SourcePos openBrace) {
            this.keyword = keyword;
            this.args = args;
            this.phantom = phantom;
            this.openBrace = openBrace;
        }
    }

    private final Findings findings;
    private final List<ConfigNode> roots = new ArrayList<>();
    private final ArrayList<Frame> open = new ArrayList<>();
    private List<Token> pending; // last line, not yet known whether a '{' follows
    private int skipDepth; // > 0 while skipping a block nested too deeply
    private SourcePos lastPos = SourcePos.NONE;

    TreeBuilder(Findings findings) {
        this.findings = findings;
    }

    void openBrace(SourcePos at) {
        lastPos = at;
        if (skipDepth > 0) {
            skipDepth++;
            return;
        }
        if (open.size() >= MAX_DEPTH) {
            pending = null; // the keyword of the skipped block goes with it
            findings.error(at, "Blocks nested more than " + MAX_DEPTH + " deep - skipping this block");
            skipDepth = 1;
            return;
        }
        if (pending == null) {
            findings.error(at, "Unexpected '{' - ignoring");
            open.add(new Frame(null, List.of(), true, at));
            return;
        }
        open.add(new Frame(pending.getFirst(), pending.subList(1, pending.size()), false, at));
        pending = null;
    }

    void closeBrace(SourcePos at) {
        lastPos = at;
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        flush();
        if (open.isEmpty()) {
            // keepalived says both: read_line counts the brace, then the keyword lookup fails on it.
            findings.error(at, "Extra '}' found");
            findings.error(at, "Unknown keyword '}'");
            return;
        }
        close(at);
    }

    void line(List<Token> words) {
        if (words.isEmpty()) {
            return;
        }
        lastPos = words.getFirst().pos();
        if (skipDepth > 0) {
            return;
        }
        flush();
        pending = words;
    }

    List<ConfigNode> finish() {
        flush();
        if (skipDepth > 0 || !open.isEmpty()) {
            int missing = open.size() + skipDepth;
            Frame innermost = null;
            for (int i = open.size() - 1; i >= 0 && innermost == null; i--) {
                if (!open.get(i).phantom) {
                    innermost = open.get(i);
                }
            }
            String text = "There are " + missing + " missing '}'s or extra '{'s";
            if (innermost != null) {
                findings.addAlwaysWithHint(Severity.ERROR, innermost.keyword.pos(), text,
                        "block '" + innermost.keyword.text() + "' is not closed before the end of the configuration");
            } else {
                findings.addAlwaysWithHint(Severity.ERROR, lastPos, text, "a '{' is not closed");
            }
            while (!open.isEmpty()) {
                close(SourcePos.NONE);
            }
        }
        return roots;
    }

    private void flush() {
        if (pending != null) {
            children().add(new ConfigNode(pending.getFirst(), pending.subList(1, pending.size()), List.of(), false));
            pending = null;
        }
    }

    private List<ConfigNode> children() {
        return open.isEmpty() ? roots : open.getLast().children;
    }

    private void close(SourcePos at) {
        Frame f = open.removeLast();
        if (f.phantom) {
            children().addAll(f.children);
        } else {
            children().add(new ConfigNode(f.keyword, f.args, f.children, true, f.openBrace, at));
        }
    }
}
