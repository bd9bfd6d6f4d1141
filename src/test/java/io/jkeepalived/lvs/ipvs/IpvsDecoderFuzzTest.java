package io.jkeepalived.lvs.ipvs;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the IPVS decoder the data plane reads the kernel's dumps with (services, destinations, timeouts, sync
 * daemons, info): any message decodes to a reply or a named rejection, never an exception - a throw there would
 * stop the reconcile of every service, not only the one the bad message was about.
 */
class IpvsDecoderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyMessageDecodesOrIsRejectedWithAReason(byte[] message) {
        IpvsDecoded decoded = IpvsCodec.decode(message);
        assertNotNull(decoded);
        if (decoded instanceof IpvsDecoded.Rejected r) {
            assertNotNull(r.reason());
            assertNotNull(r.detail());
        } else {
            assertNotNull(decoded.toString());
        }
    }
}
