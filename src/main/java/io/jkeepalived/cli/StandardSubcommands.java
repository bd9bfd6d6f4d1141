package io.jkeepalived.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** The real subsystems behind the command line. */
final class StandardSubcommands implements Subcommands {
    @Override
    public int configTest(RunOptions options, Optional<Path> reportFile, PrintStream out, PrintStream err) {
        err.println("jkeepalived: the configuration test is not wired yet");
        return 4;
    }

    @Override
    public int daemon(RunOptions options, String[] originalArgs, PrintStream out, PrintStream err) {
        err.println("jkeepalived: the daemon is not wired yet");
        return 4;
    }

    @Override
    public int genhash(String[] args, PrintStream out, PrintStream err) {
        err.println("jkeepalived: genhash is not wired yet");
        return 4;
    }

    @Override
    public int lab(String[] args, PrintStream out, PrintStream err) {
        return io.jkeepalived.lab.Lab.main(args, out, err);
    }

    @Override
    public int dumpKeywords(PrintStream out) {
        return 4;
    }
}
