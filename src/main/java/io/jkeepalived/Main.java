package io.jkeepalived;

import io.jkeepalived.cli.CommandLine;
import io.jkeepalived.daemon.StandardSubcommands;

/** Entry point and composition root: keepalived's command line over the real subsystems. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(args, System.out, System.err, new StandardSubcommands()));
    }
}
