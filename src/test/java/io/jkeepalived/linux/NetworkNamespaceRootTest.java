package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** setns(2) moves only the thread that calls it; the test JVM's other threads stay in the host namespace. */
@Tag("root")
class NetworkNamespaceRootTest {
    private NetNs ns;

    @BeforeEach
    void namespace() {
        RootNs.assumeRoot();
        ns = RootNs.create("ns");
        ns.bridge("jkbr0");
    }

    @AfterEach
    void remove() {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void callAndThreadFactoryRunInsideOnlyTheWorkersThread() throws Exception {
        String inode = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        String inside = NetworkNamespace.call(NetworkNamespace.named(ns.name()),
                () -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
        assertNotEquals(inode, inside);
        assertEquals(inode, Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString(), "caller unchanged");
        assertTrue(NetworkNamespace.call(NetworkNamespace.named(ns.name()), () -> Linux.interfaceIndex("jkbr0")) > 0);

        var pool = Executors.newSingleThreadExecutor(NetworkNamespace.threadFactory(NetworkNamespace.named(ns.name()), "loop"));
        try {
            var seen = CompletableFuture.supplyAsync(() -> {
                try {
                    return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, pool).get(10, TimeUnit.SECONDS);
            assertEquals(inside, seen);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingNamespaceIsNamed() {
        var e = assertThrows(SyscallException.class,
                () -> NetworkNamespace.call(NetworkNamespace.named("jkl-no-such-ns"), () -> 1));
        assertEquals("open(/var/run/netns/jkl-no-such-ns, O_RDONLY): No such file or directory (ENOENT)", e.getMessage());
    }
}
