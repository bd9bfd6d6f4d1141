package io.jkeepalived.linux;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assumptions;

/** Helpers for root tests: skip when not root, run FFM work inside a test namespace (setns on a fresh thread). */
final class RootNs {
    static final String PREFIX = "jkl";

    private RootNs() {
    }

    static void assumeRoot() {
        Assumptions.assumeTrue(Sh.isRoot(), "needs root (network namespaces, raw sockets)");
    }

    /** A namespace with IPv6 DAD off, so link-local and test addresses are usable at once. */
    static NetNs create(String tag) {
        var ns = NetNs.create(PREFIX, tag);
        ns.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
        return ns;
    }

    static <T> T in(NetNs ns, Callable<T> work) throws Exception {
        return NetworkNamespace.call(NetworkNamespace.named(ns.name()), work);
    }

    static int ifindex(NetNs ns, String ifname) throws Exception {
        return in(ns, () -> Linux.interfaceIndex(ifname));
    }
}
