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

    /**
     * Runs {@code work} and forgets what it reported when {@code quiet}: the checks keepalived never reaches (it
     * stops its VRRP side once an interface is missing) still build the model, silently.
     */
    public <T> T quietlyIf(boolean quiet, java.util.function.Supplier<T> work) {
        int before = findings.size();
        T result = work.get();
        if (quiet) {
            findings.subList(before, findings.size()).clear();
        }
        return result;
    }

    public List<Diagnostic> findings() {
        return List.copyOf(findings);
    }

    public boolean has(Severity severity) {
        return findings.stream().anyMatch(d -> d.severity() == severity);
    }
}
