package io.jkeepalived.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What /proc says about a process, as keepalived's track_process reads it: the name from /proc/PID/stat (comm, the
 * 15 characters pgrep matches; zombies are left out) and, when asked, the command line from /proc/PID/cmdline.
 */
public final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    /** @param argv empty unless read (and for kernel threads) */
    public record ProcessInfo(int pid, String comm, List<String> argv) {
        public ProcessInfo {
            argv = List.copyOf(argv);
        }
    }

    private ProcessTable() {
    }

    /** The process ids in /proc (the one full scan, at start or after lost events). */
    public static List<Integer> pids() throws IOException {
        var out = new ArrayList<Integer>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC)) {
            for (Path p : dir) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                    out.add(Integer.parseInt(n));
                }
            }
        }
        return out;
    }

    /** Empty when the process is gone or a zombie. */
    public static Optional<ProcessInfo> read(int pid, boolean withCommandLine) {
        try {
            String stat = Files.readString(PROC.resolve(Integer.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z') {
                return Optional.empty();
            }
            List<String> argv = List.of();
            if (withCommandLine) {
                argv = commandLine(PROC.resolve(Integer.toString(pid)).resolve("cmdline"));
            }
            return Optional.of(new ProcessInfo(pid, stat.substring(open + 1, close), argv));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The NUL-separated words of a /proc/PID/cmdline file; empty for a kernel thread. */
    static List<String> commandLine(Path cmdline) throws IOException {
        String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        if (text.endsWith("\0")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0", -1));
    }
}
