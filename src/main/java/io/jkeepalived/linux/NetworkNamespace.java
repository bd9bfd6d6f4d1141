package io.jkeepalived.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs work inside another network namespace (keepalived's {@code net_namespace}, and tests). setns(2)
 * switches only the calling thread, so the work runs on a fresh platform thread that ends afterwards:
 * no pooled or virtual-thread carrier is ever left in the wrong namespace. Sockets opened by the work stay
 * in that namespace for their whole life and may then be used from any thread.
 */
public final class NetworkNamespace {
    private NetworkNamespace() {
    }

    /** The file {@code ip netns add NAME} creates. */
    public static Path named(String name) {
        return Path.of("/var/run/netns", name);
    }

    /** Whether the calling thread is in the namespace {@code nsFile} already (the same nsfs inode). */
    public static boolean isCurrent(Path nsFile) throws IOException {
        return Files.isSameFile(Path.of("/proc/thread-self/ns/net"), nsFile);
    }

    /**
     * Starts this process again inside {@code nsFile}: the same executable, command line and environment, and the
     * same pid (a service manager keeps following us). setns(2) moves only one thread, and a JVM has many (some
     * started before we could read the configuration, and /proc/self/net follows the first thread, not the
     * caller), so a thread of our own enters the namespace and calls execve(2): the new image starts with all of
     * its threads in the namespace. Returns only when that failed, with the reason; on success it never returns.
     */
    public static SyscallException restartInside(Path nsFile) {
        List<String> argv;
        try {
            argv = commandLine();
        } catch (IOException e) {
            return new SyscallException("read", "/proc/self/cmdline", 0, e.getMessage());
        }
        var env = new ArrayList<String>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        System.out.flush();
        System.err.flush();
        var failure = new SyscallException[1];
        var thread = Thread.ofPlatform().name("netns exec").start(() -> {
            try (var arena = Arena.ofConfined()) {
                enter(nsFile);
                var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
                LibcProcesses.execve(errno, arena.allocateFrom("/proc/self/exe"), ProcessSpawner.strings(arena, argv),
                        ProcessSpawner.strings(arena, env));
                failure[0] = Libc.error("execve", "/proc/self/exe " + argv.getFirst(), errno);
            } catch (SyscallException e) {
                failure[0] = e;
            }
        });
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SyscallException("execve", "interrupted", 0, "interrupted");
        }
        return failure[0];
    }

    private static List<String> commandLine() throws IOException {
        List<String> words = ProcessTable.commandLine(Path.of("/proc/self/cmdline"));
        if (words.isEmpty()) {
            throw new IOException("empty /proc/self/cmdline");
        }
        return words;
    }

    /** Calls {@code work} in the namespace {@code nsFile} and returns its result or rethrows its exception. */
    public static <T> T call(Path nsFile, Callable<T> work) throws Exception {
        var result = new Object[1];
        var failure = new Throwable[1];
        var thread = Thread.ofPlatform().name("netns " + nsFile.getFileName()).start(() -> {
            try {
                enter(nsFile);
                result[0] = work.call();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        thread.join();
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /**
     * Platform threads that enter {@code nsFile} before running their task: an event loop (or a checker pool)
     * living in another namespace. If entering fails, the task does not run and the thread ends with an
     * {@link java.io.UncheckedIOException} naming the call (to its uncaught-exception handler).
     */
    public static java.util.concurrent.ThreadFactory threadFactory(Path nsFile, String threadName) {
        return task -> Thread.ofPlatform().name(threadName).unstarted(() -> {
            try {
                enter(nsFile);
            } catch (SyscallException e) {
                throw new java.io.UncheckedIOException(e);
            }
            task.run();
        });
    }

    private static void enter(Path nsFile) throws SyscallException {
        try (var arena = Arena.ofConfined()) {
            var errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            int fd = Libc.open(errno, arena.allocateFrom(nsFile.toString()), Sys.O_RDONLY | Sys.O_CLOEXEC);
            if (fd < 0) {
                throw Libc.error("open", nsFile + ", O_RDONLY", errno);
            }
            try {
                if (Libc.setns(errno, fd, Sys.CLONE_NEWNET) < 0) {
                    throw Libc.error("setns", "fd=" + fd + " (" + nsFile + "), CLONE_NEWNET", errno);
                }
            } finally {
                Libc.close(errno, fd);
            }
        }
    }
}
