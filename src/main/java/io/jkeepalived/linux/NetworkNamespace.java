package io.jkeepalived.linux;

import java.lang.foreign.Arena;
import java.nio.file.Path;
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
