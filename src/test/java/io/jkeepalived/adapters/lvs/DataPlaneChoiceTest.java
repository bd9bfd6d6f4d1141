package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.adapters.lvs.DataPlaneChoice.Backend;
import io.jkeepalived.adapters.lvs.DataPlaneChoice.Host;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataPlaneChoiceTest {
    static final Host IPVS_AND_NFT = new Host(true, Optional.empty());
    static final Host NFT_ONLY = new Host(false, Optional.empty());
    static final Host NOTHING = new Host(false, Optional.of("libnftables.so.1: not found"));

    @Test
    void ipvsWhenTheKernelHasIt() {
        assertEquals(Backend.IPVS, DataPlaneChoice.decide(Optional.empty(), IPVS_AND_NFT).backend());
    }

    @Test
    void nftablesWhenItDoesNotAndSaysWhy() {
        var d = DataPlaneChoice.decide(Optional.empty(), NFT_ONLY);
        assertEquals(Backend.NFTABLES, d.backend());
        assertTrue(d.why().contains("no IPVS"), d.why());
    }

    @Test
    void theCommandLineForcesOne() {
        assertEquals(Backend.NFTABLES, DataPlaneChoice.decide(Optional.of("nftables"), IPVS_AND_NFT).backend());
        assertEquals(Backend.IPVS, DataPlaneChoice.decide(Optional.of("ipvs"), NFT_ONLY).backend());
    }

    @Test
    void noneWhenNothingCanBeUsed() {
        var d = DataPlaneChoice.decide(Optional.empty(), NOTHING);
        assertEquals(Backend.NONE, d.backend());
        assertTrue(d.why().contains("libnftables.so.1: not found"), d.why());
    }
}
