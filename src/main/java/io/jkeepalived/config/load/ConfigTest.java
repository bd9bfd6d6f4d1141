package io.jkeepalived.config.load;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.ParsedConfig;

import io.jkeepalived.config.build.ConfigBuilder;
import io.jkeepalived.config.build.HostInterfaces;
import io.jkeepalived.config.build.ScriptFinder;
import io.jkeepalived.config.lex.ConfigReader;
import io.jkeepalived.config.model.KeepalivedConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code keepalived -t}: reads a configuration, prints every finding and returns keepalived's exit code.
 *
 * <p>Exit codes: 0 clean; 2 a fatal parse error (parsing stopped, as keepalived's "missing a parameter");
 * otherwise the numerically highest class seen, as keepalived's {@code report_config_error()} keeps it:
 * 6 scripts would run as root without {@code enable_script_security}, 5 errors or warnings, 4 cannot run
 * (configuration file missing or unreadable). We copy the "highest wins" quirk on purpose - a config whose
 * only problem is a missing interface exits 5 in keepalived too - with one deliberate difference: a missing
 * configuration file exits 4 (keepalived 2.2.7 prints "Config files missing" and exits 0, which hides the
 * mistake from scripts that test configs).
 */
public final class ConfigTest {
    private ConfigTest() {
    }

    public static int run(Path file, String configId, boolean strictIncludes, PrintStream report) {
        return run(file, configId, strictIncludes, report, name -> java.util.Optional.empty());
    }

    /**
     * As {@link #run(Path, String, boolean, PrintStream)}, entering the configuration's {@code net_namespace} once it is
     * parsed and before anything is checked against the host, as keepalived does.
     *
     * @param enterNamespace moves this process into the named namespace (or finds it there already); returns why it
     *     could not
     */
    public static int run(Path file, String configId, boolean strictIncludes, PrintStream report,
            Function<String, java.util.Optional<String>> enterNamespace) {
        var sink = new DiagnosticSink();
        load(file, () -> parse(file, configId, strictIncludes), sink, enterNamespace);
        for (var d : sink.findings()) {
            report.println(d.format());
        }
        return exitCode(sink.findings());
    }

    /** keepalived's {@code -t} exit code for these findings. */
    public static int exitCode(List<Diagnostic> findings) {
        int code = 0;
        for (var d : findings) {
            switch (d.severity()) {
                case FATAL -> {
                    return 2;
                }
                case SECURITY -> code = Math.max(code, 6);
                case ERROR, WARNING -> code = Math.max(code, 5);
                case CANNOT_RUN -> code = Math.max(code, 4);
                case UNSUPPORTED, INFO -> {
                }
            }
        }
        return code;
    }

    /**
     * Reads, checks and builds a configuration for the daemon. Findings go to {@code sink}; when the file
     * cannot be read or parsing hit a fatal error the sink says so ({@link Severity#CANNOT_RUN} /
     * {@link Severity#FATAL}) and the returned configuration holds only what could be read (possibly nothing).
     */
    public static KeepalivedConfig load(Path file, String configId, boolean strict, DiagnosticSink sink) {
        return load(file, () -> parse(file, configId, strict), sink, null);
    }

    /**
     * As {@link #load(Path, String, boolean, DiagnosticSink)} with the lines {@link #read} has read already: the
     * daemon's first load reuses the read that looked for its {@code net_namespace} (a 10,000-server file is not
     * read twice at start).
     */
    public static KeepalivedConfig load(Path file, ParsedConfig alreadyRead, DiagnosticSink sink) {
        return load(file, () -> alreadyRead, sink, null);
    }

    /**
     * @param enterNamespace for {@code -t} (null for the daemon): a {@code net_namespace} that does not exist or cannot
     *     be entered stops the check (the daemon has entered its namespace, or given up, before it builds the
     *     configuration)
     */
    private static KeepalivedConfig load(Path file, java.util.function.Supplier<ParsedConfig> lines, DiagnosticSink sink,
            Function<String, java.util.Optional<String>> enterNamespace) {
        List<ConfigNode> roots = List.of();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            // keepalived 2.2.7 says this and exits 0; we exit 4 (see the class comment).
            sink.report(Severity.CANNOT_RUN, SourcePos.NONE, "Config files missing '" + file + "'.");
        } else {
            var parsed = lines.get();
            parsed.diagnostics().forEach(sink::report);
            roots = sink.has(Severity.FATAL) ? List.of() : parsed.roots();
            if (enterNamespace != null && !enteredNamespace(roots, sink, enterNamespace)) {
                roots = List.of();
            }
        }
        return new ConfigBuilder(sink, HostInterfaces.system(), ScriptFinder.system()).build(roots);
    }

    /**
     * The first {@code net_namespace NAME} of a configuration (keepalived ignores later ones), read before anything
     * else is built: the daemon and {@code -t} must be inside NAME before they look at interfaces.
     */
    public static java.util.Optional<String> namespaceOf(Path file, String configId, boolean strict) {
        return read(file, configId, strict).flatMap(ConfigTest::namespaceOf);
    }

    /** The first {@code net_namespace NAME} of lines {@link #read} has read. */
    public static java.util.Optional<String> namespaceOf(ParsedConfig parsed) {
        for (var node : parsed.roots()) {
            if (node.name().equals("net_namespace") && !node.args().isEmpty()) {
                return java.util.Optional.of(node.argTexts().get(0));
            }
        }
        return java.util.Optional.empty();
    }

    /** The configuration's lines and the lexer's findings, nothing checked; empty when the file cannot be read. */
    public static java.util.Optional<ParsedConfig> read(Path file, String configId, boolean strict) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(parse(file, configId, strict));
    }

    /**
     * keepalived enters {@code net_namespace NAME} before it checks anything; when NAME does not exist it exits 0
     * having checked nothing. We say why and exit 4 (a deliberate difference: "nothing checked" is not "fine").
     */
    private static boolean enteredNamespace(List<ConfigNode> roots, DiagnosticSink sink,
            Function<String, java.util.Optional<String>> enter) {
        for (var node : roots) {
            if (node.name().equals("net_namespace") && !node.args().isEmpty()) {
                var name = node.argTexts().get(0);
                if (!Files.exists(Path.of("/run/netns", name))) {
                    sink.report(Severity.CANNOT_RUN, node.pos(), "net_namespace " + name
                            + ": no such network namespace (/run/netns/" + name + ") - nothing else checked");
                    return false;
                }
                var failure = enter.apply(name);       // keepalived keeps the first net_namespace
                failure.ifPresent(why -> sink.report(Severity.CANNOT_RUN, node.pos(), "net_namespace " + name + ": " + why
                        + " - nothing else checked"));
                return failure.isEmpty();
            }
        }
        return true;
    }

    private static ParsedConfig parse(Path file, String configId, boolean strict) {
        var id = configId != null ? configId : ConfigReader.Options.defaults().configId();
        return ConfigReader.read(file, new ConfigReader.Options(id, strict));
    }

    /** For tests and tools: {@code ConfigTest -f FILE [-i CONFIG_ID]}; prints findings, exits with the -t code. */
    public static void main(String[] args) {
        Path file = null;
        String id = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-f", "--use-file" -> file = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "-i", "--config-id" -> id = i + 1 < args.length ? args[++i] : null;
                default -> {
                    System.err.println("usage: ConfigTest -f FILE [-i CONFIG_ID]");
                    System.exit(1);
                }
            }
        }
        if (file == null) {
            System.err.println("usage: ConfigTest -f FILE [-i CONFIG_ID]");
            System.exit(1);
        }
        System.exit(run(file, id, false, System.out));
    }
}
