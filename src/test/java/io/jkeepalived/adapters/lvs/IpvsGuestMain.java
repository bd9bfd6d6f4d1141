package io.jkeepalived.adapters.lvs;

/** The guest side of {@link IpvsQemuRootTest}: every IPVS check, in one JVM, in one boot. */
public final class IpvsGuestMain {
    private IpvsGuestMain() {
    }

    public static void main(String[] args) throws Exception {
        io.jkeepalived.testsupport.Sh.ok("modprobe", "ip_vs");
        var checks = new GuestChecks();
        IpvsKernelGuestChecks.register(checks);
        checks.runAll();
    }
}
