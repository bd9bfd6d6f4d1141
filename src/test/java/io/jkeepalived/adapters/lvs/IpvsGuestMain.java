package io.jkeepalived.adapters.lvs;

/** The guest side of {@link IpvsQemuRootTest}: every IPVS check (and use_ipvlan's), in one JVM, in one boot. */
public final class IpvsGuestMain {
    private IpvsGuestMain() {
    }

    public static void main(String[] args) throws Exception {
        io.jkeepalived.testsupport.Sh.ok("modprobe", "ip_vs");
        var checks = new GuestChecks();
        IpvsKernelGuestChecks.register(checks);
        var out = java.nio.file.Path.of(System.getenv().getOrDefault("GUEST_OUT", "/tmp"));
        // args: the encoded GuestJvm the host prepared, then optionally a regex of the checks to run
        if (args.length > 0) {
            var jvm = io.jkeepalived.testsupport.GuestJvm.decode(args[0]);
            TrafficGuestChecks.register(checks, out, jvm);
            DriftGuestChecks.register(checks, out, jvm);
            SyncDaemonGuestChecks.register(checks, out, jvm);
            DifferentialGuestChecks.register(checks, out, jvm);
            IpvlanGuestChecks.register(checks, out, jvm);
        }
        if (args.length > 1 && !args[1].isEmpty()) {
            checks.only(args[1]);
        }
        checks.runAll();
    }
}
