package io.jkeepalived.daemon.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What the host offers for logging: a syslog socket, and whether our stderr is already systemd's journal. */
public final class SyslogTargets {
    private SyslogTargets() {
    }

    /** True when {@code /dev/log} exists (a syslog daemon, or journald's socket behind the link). */
    public static boolean syslogSocketPresent() {
        return Files.exists(Path.of(SyslogWriter.DEV_LOG));
    }

    /**
     * systemd sets {@code JOURNAL_STREAM=dev:inode} when it connects stdout/stderr to the journal; it is ours only
     * when fd 2 is still that stream (not redirected by whoever started us), as sd_journal_stream_fd(3) says.
     */
    public static boolean stderrIsJournal(Map<String, String> env) {
        String stream = env.getOrDefault("JOURNAL_STREAM", "");
        int colon = stream.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            long dev = ((Number) Files.getAttribute(fd2, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(fd2, "unix:ino")).longValue();
            return stream.equals(dev + ":" + ino);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
