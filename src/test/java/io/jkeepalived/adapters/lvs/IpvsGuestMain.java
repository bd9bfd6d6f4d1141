package io.jkeepalived.adapters.lvs;

/** The guest side of {@link IpvsQemuRootTest}: every IPVS check, in one JVM, in one boot. */
public final class IpvsGuestMain {
    private IpvsGuestMain() {
    }

    public static void main(String[] args) throws Exception {
        io.jkeepalived.testsupport.Sh.ok("modprobe", "ip_vs");
        var checks = new GuestChecks();
        IpvsKernelGuestChecks.register(checks);
        var out = java.nio.file.Path.of(System.getenv().getOrDefault("GUEST_OUT", "/tmp"));
        if (args.length == 0 || !args[0].equals("--kernel-only")) {
            DifferentialGuestChecks.register(checks, out);
        }
        checks.runAll();
    }
}
