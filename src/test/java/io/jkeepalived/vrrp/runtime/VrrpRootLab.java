package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the VRRP root tests share, as a JUnit extension
 * ({@code @RegisterExtension final VrrpRootLab lab = VrrpRootLab.besideKeepalived("jkd-x")}): each test is skipped
 * unless it runs as root (and, beside keepalived, with Debian's keepalived installed), gets a directory of its own, and
 * afterwards - a failed test too - every daemon and LAN it made through the lab is closed, the last made first, and
 * the directory removed. A test's own {@code @AfterEach} runs before that.
 */
final class VrrpRootLab implements BeforeEachCallback, AfterEachCallback {
    private final String dirPrefix;
    private final boolean besideKeepalived;
    private final Deque<AutoCloseable> made = new ArrayDeque<>();
    private Path dir;

    private VrrpRootLab(String dirPrefix, boolean besideKeepalived) {
        this.dirPrefix = dirPrefix;
        this.besideKeepalived = besideKeepalived;
    }

    /** A lab for tests beside the real keepalived; {@code dirPrefix} names the test's temporary directory. */
    static VrrpRootLab besideKeepalived(String dirPrefix) {
        return new VrrpRootLab(dirPrefix, true);
    }

    /** A lab for tests of jkeepalived alone (keepalived need not be installed). */
    static VrrpRootLab alone(String dirPrefix) {
        return new VrrpRootLab(dirPrefix, false);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeTrue(!besideKeepalived || Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        dir = Files.createTempDirectory(dirPrefix);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        while (!made.isEmpty()) {
            try {
                made.pop().close();
            } catch (Exception e) {
                System.err.println("VrrpRootLab: cannot close: " + e);
            }
        }
        if (dir != null) {
            Sh.run("rm", "-rf", dir.toString());
        }
    }

    /** This test's directory (configurations, logs). */
    Path dir() {
        return dir;
    }

    /** A LAN of namespaces named after {@code tag}, removed after the test. */
    VrrpTestLan lan(String tag) {
        return own(new VrrpTestLan(tag));
    }

    /** A jkeepalived node in {@code ns} (not started), stopped after the test. */
    VrrpNode jkeepalived(String name, NetNs ns, String config) throws IOException {
        return own(VrrpNode.jkeepalived(name, ns, dir, config));
    }

    /** A keepalived node in {@code ns} (not started), stopped after the test. */
    VrrpNode keepalived(String name, NetNs ns, String config) throws IOException {
        return own(VrrpNode.keepalived(name, ns, dir, config));
    }

    /** Anything else the test starts (a pinger, a monitor): closed after the test, before what was made earlier. */
    <T extends AutoCloseable> T own(T resource) {
        made.push(resource);
        return resource;
    }
}
