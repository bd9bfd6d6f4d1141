package io.jkeepalived.linux;

import io.jkeepalived.testsupport.NetNs;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension for the root tests' two-host LAN: namespaces {@code a} and {@code b} joined by the veth
 * pair va/vb, with 192.0.2.1/24 and 192.0.2.2/24 (and 2001:db8::1/64, ::2/64 when asked), made before each
 * test (skipped when not root) and deleted after it, also when the test fails.
 */
final class RootLan implements BeforeEachCallback, AfterEachCallback {
    private final String tag;
    private final boolean ipv4OnA;
    private final boolean ipv4OnB;
    private final boolean ipv6;
    private NetNs a;
    private NetNs b;

    private RootLan(String tag, boolean ipv4OnA, boolean ipv4OnB, boolean ipv6) {
        this.tag = tag;
        this.ipv4OnA = ipv4OnA;
        this.ipv4OnB = ipv4OnB;
        this.ipv6 = ipv6;
    }

    static RootLan ipv4(String tag) {
        return new RootLan(tag, true, true, false);
    }

    static RootLan dualStack(String tag) {
        return new RootLan(tag, true, true, true);
    }

    /** Only the link, no addresses (link-layer tests). */
    static RootLan linkOnly(String tag) {
        return new RootLan(tag, false, false, false);
    }

    /** 192.0.2.1/24 on a only. */
    static RootLan ipv4OnAOnly(String tag) {
        return new RootLan(tag, true, false, false);
    }

    NetNs a() {
        return a;
    }

    NetNs b() {
        return b;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RootNs.assumeRoot();
        a = RootNs.create(tag + "a");
        b = RootNs.create(tag + "b");
        a.veth("va", b, "vb");
        if (ipv4OnA) {
            a.addr("va", "192.0.2.1/24");
        }
        if (ipv4OnB) {
            b.addr("vb", "192.0.2.2/24");
        }
        if (ipv6) {
            a.addr("va", "2001:db8::1/64");
            b.addr("vb", "2001:db8::2/64");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }
}
