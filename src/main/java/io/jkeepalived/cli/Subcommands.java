package io.jkeepalived.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** What the command line dispatches to; a seam so the CLI can be tested without running a daemon. */
public interface Subcommands {
    int configTest(RunOptions options, Optional<Path> reportFile, PrintStream out, PrintStream err);

    int daemon(RunOptions options, String[] originalArgs, PrintStream out, PrintStream err);

    int genhash(String[] args, PrintStream out, PrintStream err);

    int lab(String[] args, PrintStream out, PrintStream err);

    int dumpKeywords(PrintStream out);

}
