package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.Sh;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    @Test
    void parsesCapEff() throws Exception {
        var caps = Capabilities.parseStatus("Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t0000000000003000\n");
        assertTrue(caps.hasNetRaw());
        assertTrue(caps.hasNetAdmin());
        assertEquals(Optional.empty(), caps.missingForVrrp());
        var none = Capabilities.parseStatus("CapEff:\t0000000000001000\n");
        assertFalse(none.hasNetRaw());
        assertTrue(none.missingForVrrp().orElseThrow().contains("this process lacks CAP_NET_RAW."));
    }

    @Test
    void badStatusIsAClearError() {
        var e = assertThrows(IOException.class, () -> Capabilities.parseStatus("CapEff:\tzz\n"));
        assertEquals("unreadable CapEff line in /proc/self/status: 'CapEff:\tzz'", e.getMessage());
    }

    /** A child JVM started without CAP_NET_RAW sees it missing, and the raw socket fails with a named call. */
    @Test
    @Tag("root")
    void childWithoutNetRawSeesItMissing() {
        RootNs.assumeRoot();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        var r = Sh.run(List.of("setpriv", "--inh-caps=-all", "--bounding-set=-net_raw", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", cp, CapabilitiesProbe.class.getName()), 60);
        assertTrue(r.out().contains("raw=false admin=true"), r.out());
        assertTrue(r.out().contains("this process lacks CAP_NET_RAW."), r.out());
        assertTrue(r.out().contains("socket(AF_INET, SOCK_RAW|SOCK_NONBLOCK, IPPROTO_VRRP): Operation not permitted (EPERM)"), r.out());
    }
}
