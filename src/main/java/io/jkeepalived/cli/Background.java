package io.jkeepalived.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * keepalived forks into the background unless {@code -n}; a JVM cannot fork, so it starts itself again
 * with {@code -n} in a new session ({@code setsid}), detached from the terminal, and returns. As keepalived's
 * daemon, it logs to syslog (and a {@code -g} file), never to the terminal: its stdout and stderr are
 * /dev/null ({@code -l} has an effect in the foreground only, as in keepalived).
 */
public final class Background {
    private Background() {
    }

    public static int detach(String[] args, PrintStream err) {
        var self = ProcessHandle.current().info();
        var cmd = new ArrayList<String>();
        cmd.add("setsid");
        // the JDK starts a child with no signal blocked: keep the launcher's block of the real-time signals
        var blocked = new ArrayList<String>();
        for (int signo : io.jkeepalived.linux.IgnoredSignals.REALTIME) {
            if (io.jkeepalived.linux.WaitedSignals.blockedHere(signo)) {
                blocked.add(Integer.toString(signo));
            }
        }
        if (!blocked.isEmpty()) {
            cmd.addAll(List.of("env", "--block-signal=" + String.join(",", blocked)));
        }
        cmd.add(self.command().orElse("java"));
        cmd.addAll(jvmArguments());
        cmd.add("-n");
        cmd.addAll(List.of(args));
        var builder = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            builder.start();
            return 0;
        } catch (IOException e) {
            err.println("jkeepalived: cannot start in the background (" + e.getMessage() + "); use -n");
            return 1;
        }
    }

    /** The JVM options and the jar/class this process was started with, to start the same program. */
    private static List<String> jvmArguments() {
        var out = new ArrayList<String>(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        String cp = System.getProperty("java.class.path");
        String command = System.getProperty("sun.java.command", "");
        if (command.endsWith(".jar") || command.contains(".jar ")) {
            out.add("-jar");
            out.add(command.split(" ")[0]);
        } else {
            out.add("-cp");
            out.add(cp);
            out.add("io.jkeepalived.Main");
        }
        return out;
    }
}
