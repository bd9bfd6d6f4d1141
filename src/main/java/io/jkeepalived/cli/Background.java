package io.jkeepalived.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/**
 * keepalived forks into the background unless {@code -n}; a JVM cannot fork, so it starts itself again
 * with {@code -n} in a new session ({@code setsid}), detached from the terminal, and returns. Its output goes
 * to a log file (BackgroundLog), said before we return: without a syslog writer it would otherwise be lost.
 */
public final class Background {
    private Background() {
    }

    public static int detach(String[] args, PrintStream err) {
        var self = ProcessHandle.current().info();
        var cmd = new ArrayList<String>();
        cmd.add("setsid");
        cmd.add(self.command().orElse("java"));
        cmd.addAll(jvmArguments());
        cmd.add("-n");
        cmd.addAll(List.of(args));
        var builder = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Optional<Path> logFile = BackgroundLog.choose(BackgroundLog.candidates(Optional.ofNullable(System.getenv("HOME"))),
                currentUser());
        if (logFile.isPresent()) {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.get().toFile()));
            err.println("jkeepalived: running in the background; log lines go to " + logFile.get()
                    + " (no syslog writer yet; -n runs in the foreground)");
        } else {
            // nowhere safe to write: keep our stderr rather than lose every line
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
            err.println("jkeepalived: running in the background; no log file could be opened ("
                    + BackgroundLog.SYSTEM + "), log lines go to this terminal's stderr");
        }
        try {
            builder.start();
            return 0;
        } catch (IOException e) {
            err.println("jkeepalived: cannot start in the background (" + e.getMessage() + "); use -n");
            return 1;
        }
    }

    private static String currentUser() {
        try {
            return Files.getOwner(Path.of("/proc/self"), LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("user.name", "");
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
