package io.jkeepalived.config;

import java.util.Optional;

/** One configuration finding: what, where, how bad, and (when we know one) how to fix it. */
public record Diagnostic(Severity severity, SourcePos pos, String message, Optional<String> hint) {

    public static Diagnostic of(Severity severity, SourcePos pos, String message) {
        return new Diagnostic(severity, pos, message, Optional.empty());
    }

    public static Diagnostic withHint(Severity severity, SourcePos pos, String message, String hint) {
        return new Diagnostic(severity, pos, message, Optional.of(hint));
    }

    /**
     * {@code file:line:col: severity: message [hint]} followed by one "included from" line per include level.
     */
    public String format() {
        var sb = new StringBuilder();
        sb.append(pos).append(": ").append(severity.label()).append(": ").append(message);
        hint.ifPresent(h -> sb.append(" (").append(h).append(')'));
        for (int i = pos.includeChain().size() - 1; i >= 0; i--) {
            sb.append(System.lineSeparator()).append("    included from ").append(pos.includeChain().get(i));
        }
        return sb.toString();
    }
}
