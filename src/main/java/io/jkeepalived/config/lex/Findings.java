package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * The lexer's findings. Garbage input can produce one finding per line; after {@link #LIMIT} of them the rest
 * are counted, not kept, so a binary file cannot make the diagnostics list the memory problem.
 */
final class Findings {
    static final int LIMIT = 1000;
    private final List<Diagnostic> list = new ArrayList<>();
    private int dropped;
    private SourcePos lastDroppedAt = SourcePos.NONE;

    void add(Severity severity, SourcePos pos, String message) {
        if (list.size() < LIMIT) {
            list.add(Diagnostic.of(severity, pos, message));
        } else {
            dropped++;
            lastDroppedAt = pos;
        }
    }

    void addWithHint(Severity severity, SourcePos pos, String message, String hint) {
        if (list.size() < LIMIT) {
            list.add(Diagnostic.withHint(severity, pos, message, hint));
        } else {
            dropped++;
            lastDroppedAt = pos;
        }
    }

    /** For findings that must be seen even after the limit (why reading stopped, end-of-input summaries). */
    void addAlways(Severity severity, SourcePos pos, String message) {
        list.add(Diagnostic.of(severity, pos, message));
    }

    /** For end-of-input summaries that must be seen even after the limit. */
    void addAlwaysWithHint(Severity severity, SourcePos pos, String message, String hint) {
        list.add(Diagnostic.withHint(severity, pos, message, hint));
    }

    void error(SourcePos pos, String message) {
        add(Severity.ERROR, pos, message);
    }

    List<Diagnostic> all() {
        if (dropped == 0) {
            return list;
        }
        var out = new ArrayList<>(list);
        out.add(Diagnostic.of(Severity.ERROR, lastDroppedAt,
                dropped + " further configuration findings were not listed (limit " + LIMIT + ")"));
        return out;
    }
}
