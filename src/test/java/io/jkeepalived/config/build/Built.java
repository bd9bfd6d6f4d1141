package io.jkeepalived.config.build;

import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.Trees;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.util.List;
import java.util.Set;

/**
 * A configuration built from hand-written lines, with its findings (interfaces eth0..eth3 exist; no script
 * exists but those under /bin/; every user exists, keepalived_script included, whatever this host has).
 */
record Built(KeepalivedConfig config, List<Diagnostic> findings) {
    static Built of(String... lines) {
        var sink = new DiagnosticSink();
        var config = new ConfigBuilder(sink, HostInterfaces.of(Set.of("eth0", "eth1", "eth2", "eth3")),
                argv -> argv.get(0).startsWith("/bin/") ? ScriptFinder.Found.EXECUTABLE : ScriptFinder.Found.MISSING,
                name -> true)
                .build(Trees.parse(lines));
        return new Built(config, sink.findings());
    }

    /** Findings that affect the exit code (INFO notes left out). */
    List<String> messages() {
        return findings.stream().filter(d -> d.severity() != Severity.INFO).map(Diagnostic::message).toList();
    }

    boolean has(String message, int line) {
        return findings.stream().anyMatch(d -> d.message().equals(message) && d.pos().line() == line);
    }
}
