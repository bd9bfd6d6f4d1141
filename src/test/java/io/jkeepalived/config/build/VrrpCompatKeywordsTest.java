package io.jkeepalived.config.build;

import static io.jkeepalived.config.build.VrrpFlagKeywordsTest.build;
import static io.jkeepalived.config.build.VrrpFlagKeywordsTest.instance;
import static io.jkeepalived.config.build.VrrpFlagKeywordsTest.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** v3_checksum_as_v2 in global_defs, timer_expired_backup, max_auto_priority and vrrp_delay_after_boot as read. */
class VrrpCompatKeywordsTest {
    @Test
    void globalV3ChecksumAsV2IsEveryInstancesDefault() {
        var b = build(List.of(instance("PLAIN", 100, "  version 3"),
                instance("OFF", 100, "  version 3", "  v3_checksum_as_v2 false"),
                List.of("global_defs {", "  v3_checksum_as_v2", "}")));
        assertTrue(named(b, "PLAIN").v3ChecksumAsV2(), "the global default, wherever global_defs is");
        assertFalse(named(b, "OFF").v3ChecksumAsV2(), "the instance's own word wins");
        assertEquals(List.of(), b.messages());
    }

    @Test
    void withoutTheGlobalKeywordInstancesSumV3WithThePseudoHeader() {
        var b = build(List.of(instance("PLAIN", 100, "  version 3"), instance("ON", 100, "  version 3", "  v3_checksum_as_v2")));
        assertFalse(named(b, "PLAIN").v3ChecksumAsV2());
        assertTrue(named(b, "ON").v3ChecksumAsV2());
    }
}
