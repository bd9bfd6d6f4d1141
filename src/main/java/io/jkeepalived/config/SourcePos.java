package io.jkeepalived.config;

import java.util.List;

/**
 * Where something was read: file, 1-based line and column, and the chain of includes that led there
 * (outermost first, each entry "file:line" of the {@code include} line).
 */
public record SourcePos(String file, int line, int column, List<String> includeChain) {
    public SourcePos {
        includeChain = List.copyOf(includeChain);
    }

    public static SourcePos of(String file, int line, int column) {
        return new SourcePos(file, line, column, List.of());
    }

    /** For findings that belong to no line (e.g. "Sync group VG1 has no virtual router(s)"). */
    public static final SourcePos NONE = new SourcePos("", 0, 0, List.of());

    public boolean known() {
        return line > 0;
    }

    /** {@code file:line:col}, the form compilers and editors understand. */
    @Override
    public String toString() {
        return known() ? file + ":" + line + ":" + column : "(no position)";
    }
}
