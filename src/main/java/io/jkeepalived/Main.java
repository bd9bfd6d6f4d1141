package io.jkeepalived;

import io.jkeepalived.cli.CommandLine;

/** Entry point: keepalived's command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(args));
    }
}
