package io.jkeepalived.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * keepalived's set_process_name (prctl PR_SET_NAME) in one JVM: the process's name is the comm of its first thread
 * (what ps, pgrep and pidof show), a subsystem's name is the comm of its loop thread (what ps -T and top -H show).
 * The kernel keeps 15 bytes.
 */
public final class TaskNames {
    private static final int PR_SET_NAME = 15;
    private static final Path PROCESS_COMM = Path.of("/proc/self/comm");

    private TaskNames() {
    }

    /** Names the calling thread. */
    public static void nameThisThread(String name) throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            var text = arena.allocateFrom(name);
            if (LibcProcesses.prctl(errno, PR_SET_NAME, text.address(), 0, 0, 0) < 0) {
                throw Libc.error("prctl", "PR_SET_NAME, " + name, errno);
            }
        }
    }

    /** Names the process: /proc/self/comm is its first thread's, and any thread of the process may write it. */
    public static void nameProcess(String name) throws IOException {
        Files.writeString(PROCESS_COMM, name, StandardCharsets.UTF_8);
    }

    /** The process's name now. */
    public static String processName() throws IOException {
        return Files.readString(PROCESS_COMM, StandardCharsets.UTF_8).strip();
    }
}
