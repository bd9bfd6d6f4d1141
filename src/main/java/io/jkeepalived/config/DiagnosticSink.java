package io.jkeepalived.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration findings; parsing goes on after each one. */
public final class DiagnosticSink {
    private final List<Diagnostic> findings = new ArrayList<>();

    public void report(Diagnostic d) {
        findings.add(d);
    }

    public void report(Severity severity, SourcePos pos, String message) {
        report(Diagnostic.of(severity, pos, message));
    }

    public void error(SourcePos pos, String message) {
        report(Severity.ERROR, pos, message);
    }

    public void warning(SourcePos pos, String message) {
        report(Severity.WARNING, pos, message);
    }

    public void fatal(SourcePos pos, String message) {
        report(Severity.FATAL, pos, message);
    }

    public List<Diagnostic> findings() {
        return List.copyOf(findings);
    }

    public boolean has(Severity severity) {
        return findings.stream().anyMatch(d -> d.severity() == severity);
    }
}
