package io.jkeepalived.linux;

/** Run in a child JVM with fewer capabilities: prints what {@link Capabilities} sees. */
public final class CapabilitiesProbe {
    private CapabilitiesProbe() {
    }

    public static void main(String[] args) throws Exception {
        var caps = Capabilities.ofCurrentProcess();
        System.out.println("raw=" + caps.hasNetRaw() + " admin=" + caps.hasNetAdmin());
        System.out.println(caps.missingForVrrp().orElse("ok"));
        try (var s = Linux.openVrrpSocket(VrrpSocketSpec.multicast(java.net.StandardProtocolFamily.INET, "lo"))) {
            System.out.println("opened " + s);
        } catch (SyscallException e) {
            System.out.println(e.getMessage());
        }
    }
}
