package io.jkeepalived.tools.genhash;

import io.jkeepalived.check.checkers.CheckIo;
import io.jkeepalived.check.checkers.CheckTarget;
import io.jkeepalived.check.checkers.HttpFetcher;
import io.jkeepalived.check.checkers.HttpOptions;
import io.jkeepalived.check.checkers.HttpUrl;
import io.jkeepalived.check.checkers.TlsContexts;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * keepalived's genhash ({@code genhash} / {@code keepalived --genhash} / {@code -T}): fetches one url
 * and prints the MD5 of its body - the value to put in a url's {@code digest}. Same options, same
 * output, same exit codes (1 for a bad command line, 0 otherwise, even when the server fails).
 */
public final class Genhash {
    private static final String DELIM_BEGIN = "-----------------------[";
    private static final String DELIM_END = "]-----------------------";
    /** keepalived waits forever without -t; we wait a day. */
    private static final Duration NO_TIMEOUT = Duration.ofDays(1);

    private Genhash() {
    }

    /** Runs genhash with {@code args} (no program name), printing to {@code out} and errors to stderr. */
    public static int run(String[] args, PrintStream out) {
        return run("genhash", args, out, System.err);
    }

    /** {@code program} is how the usage text names us, e.g. {@code jkeepalived --genhash}. */
    public static int run(String program, String[] args, PrintStream out, PrintStream err) {
        // keepalived: one word or none after the program name is never enough
        var parsed = args.length <= 1 ? new GenhashOptions.Parsed.Usage(List.of()) : GenhashOptions.parse(args);
        return switch (parsed) {
            case GenhashOptions.Parsed.Usage(List<String> errors) -> {
                errors.forEach(err::println);
                usage(program, err);
                yield 1;
            }
            case GenhashOptions.Parsed.Ok(GenhashOptions options) -> {
                if (options.fwmark().isPresent()) {
                    err.println("warning: --fwmark is not applied (SO_MARK is not available to this build)");
                }
                fetch(options, out, err);
                yield 0;
            }
        };
    }

    private static void fetch(GenhashOptions o, PrintStream out, PrintStream err) {
        var url = HttpUrl.of(o.url());
        var options = HttpOptions.http(List.of(url)).withProtocol(o.protocol());
        if (o.virtualhost().isPresent()) {
            options = options.withVirtualhost(o.virtualhost().get());
        }
        if (o.ssl()) {
            options = options.withTls(TlsContexts.unverified(), o.sni());
        }
        var target = CheckTarget.tcp(new InetSocketAddress(o.server(), o.port()));
        HttpFetcher.Dump dump = o.verbose() ? new VerboseDump(out) : null;
        long start = System.nanoTime();
        HttpFetcher.Result result;
        try (var io = new CheckIo()) {
            result = HttpFetcher.fetch(io, target, options, url, o.timeout().orElse(NO_TIMEOUT), dump);
        }
        switch (result) {
            case HttpFetcher.Result.Failed(String phrase, String reason) -> out.println(phrase.strip());
            case HttpFetcher.Result.Answered(boolean headerSeen, int status, byte[] md5) -> {
                if (!headerSeen) {
                    out.flush();
                    err.println("no data received from remote webserver");
                } else {
                    if (o.verbose()) {
                        out.println();
                        out.println(DELIM_BEGIN + "    HTML hash resulting    " + DELIM_END);
                        HexDump.dump(md5, 0, md5.length, out);
                        out.println(DELIM_BEGIN + " HTML hash final resulting " + DELIM_END);
                    }
                    out.println(HexFormat.of().formatHex(md5));
                }
            }
        }
        if (o.verbose()) {
            out.println();
            out.println("Global response time for [" + o.url() + "] = " + (System.nanoTime() - start) / 1000 + " usecs");
        }
        out.flush();
    }

    /** Prints the header and body the way genhash -v does. */
    private static final class VerboseDump implements HttpFetcher.Dump {
        private final PrintStream out;
        private boolean bodyTitled;

        VerboseDump(PrintStream out) {
            this.out = out;
        }

        @Override
        public void header(byte[] bytes, int length) {
            out.println(DELIM_BEGIN + "    HTTP Header Buffer    " + DELIM_END);
            HexDump.dump(bytes, 0, length, out);
            out.println(DELIM_BEGIN + " HTTP Header Ascii Buffer " + DELIM_END);
            out.println(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return;
            }
            if (!bodyTitled) {
                out.println(DELIM_BEGIN + "        HTML Buffer        " + DELIM_END);
                bodyTitled = true;
            }
            HexDump.dump(bytes, offset, length, out);
        }
    }

    static void usage(String program, PrintStream err) {
        err.print("Usage: " + program + " COMMAND [OPTIONS]\n"
                + "Commands:\n"
                + "   -s server-address -p port -u url\n"
                + "   -S -s server-address -p port -u url\n"
                + "   -h\n\n");
        err.print("""
                Options:
                Either long or short options are allowed.
                   --use-ssl         -S       Use SSL connection to remote server.
                   --use-sni         -I       Use SNI during SSL handshake (uses virtualhost setting; see -V).
                   --server          -s       Use the specified remote server address.
                   --port            -p       Use the specified remote server port.
                   --url             -u       Use the specified remote server url.
                   --use-virtualhost -V       Use the specified virtualhost in GET query.
                   --verbose         -v       Use verbose mode output.
                   --help            -h       Display this short inlined help screen.
                   --fwmark          -m       Use the specified FW mark.
                   --protocol        -P       Use the specified HTTP protocol - '1.0', 1.0c', '1.1'.
                                                1.0c means 1.0 with 'Connection: close'
                   --timeout         -t       Timeout in seconds
                """);
        err.flush();
    }
}
