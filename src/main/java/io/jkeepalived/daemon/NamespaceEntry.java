package io.jkeepalived.daemon;

import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.linux.NetworkNamespace;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * keepalived's {@code net_namespace NAME} and {@code -s NAME}: the daemon and {@code -t} run inside the network
 * namespace {@code /run/netns/NAME}. keepalived calls setns(2) in its one-threaded parent before it forks; a JVM
 * has many threads by the time it has read the configuration, so we start this process again inside the
 * namespace (same pid, same command line, see {@link NetworkNamespace#restartInside}) and carry on from there.
 */
final class NamespaceEntry {
    private NamespaceEntry() {
    }

    /**
     * The namespace this run asks for: {@code -s}, else the first {@code net_namespace} of the configuration's
     * lines as read at start ({@code readAtStart}: empty with {@code -s}, or when the file cannot be read).
     */
    static Optional<String> requested(RunOptions options, Optional<ParsedConfig> readAtStart) {
        return options.netNamespace().or(() -> readAtStart.flatMap(ConfigTest::namespaceOf));
    }

    /** The configuration's lines, read once at start to find its {@code net_namespace}; not read with {@code -s}. */
    static Optional<ParsedConfig> readAtStart(RunOptions options) {
        return options.netNamespace().isPresent() ? Optional.empty()
                : ConfigTest.read(options.configFile(), options.configId(), options.strictIncludes());
    }

    /** Whether {@code /run/netns/NAME} exists. */
    static boolean exists(String name) {
        return java.nio.file.Files.exists(NetworkNamespace.named(name));
    }

    /**
     * Returns at once when this process runs in {@code name} already; otherwise restarts it there and returns
     * only if that failed, with keepalived's words for why.
     */
    static Optional<String> enter(String name) {
        Path ns = NetworkNamespace.named(name);
        try {
            if (NetworkNamespace.isCurrent(ns)) {
                return Optional.empty();
            }
        } catch (NoSuchFileException e) {
            return Optional.of("Failed to open " + ns);
        } catch (IOException e) {
            return Optional.of("Failed to open " + ns + ": " + e.getMessage());
        }
        return Optional.of("setns() failed: " + NetworkNamespace.restartInside(ns).getMessage());
    }
}
