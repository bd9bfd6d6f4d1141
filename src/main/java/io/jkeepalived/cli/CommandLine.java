package io.jkeepalived.cli;

/** keepalived's command line (placeholder until the CLI lands). */
public final class CommandLine {
    private CommandLine() {
    }

    public static int run(String[] args) {
        System.out.println("Keepalived v2.2.7 compatible - jkeepalived 0.1.0");
        return 0;
    }
}
