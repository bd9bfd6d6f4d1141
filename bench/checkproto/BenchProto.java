import io.jkeepalived.check.runtime.CheckerDaemon;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.common.Log;

import java.nio.file.Path;

/**
 * Runs jkeepalived's checker subsystem (the daemon's own wiring: CheckerDaemon.defaultOptions, with the
 * protocol checkers) on a generated keepalived.conf; log lines on stdout; stops on SIGTERM.
 */
public final class BenchProto {
    public static void main(String[] args) {
        var sink = new DiagnosticSink();
        var config = ConfigTest.load(Path.of(args[0]), null, false, sink);
        sink.findings().forEach(f -> System.out.println("config: " + f));
        Log log = (level, message) -> System.out.println(message);
        System.exit(CheckerDaemon.run(config, log));
    }
}
