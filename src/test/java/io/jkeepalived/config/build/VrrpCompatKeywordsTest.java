package io.jkeepalived.config.build;

import static io.jkeepalived.config.build.VrrpFlagKeywordsTest.build;
import static io.jkeepalived.config.build.VrrpFlagKeywordsTest.instance;
import static io.jkeepalived.config.build.VrrpFlagKeywordsTest.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
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

    @Test
    void timerExpiredBackupNeedsNopreemptAndDefaultsTo254() {
        var b = build(List.of(instance("DEFAULT", 100, "  nopreempt", "  timer_expired_backup"),
                instance("GIVEN", 100, "  nopreempt", "  timer_expired_backup 120"),
                instance("OLD_NAME", 100, "  nopreempt", "  thread_timer_expired 200"),
                instance("BAD", 100, "  nopreempt", "  timer_expired_backup 255"),
                instance("PREEMPT", 100, "  timer_expired_backup")));
        assertEquals(OptionalInt.of(254), named(b, "DEFAULT").timerExpiredBackup());
        assertEquals(OptionalInt.of(120), named(b, "GIVEN").timerExpiredBackup());
        assertEquals(OptionalInt.of(200), named(b, "OLD_NAME").timerExpiredBackup());
        assertEquals(OptionalInt.empty(), named(b, "BAD").timerExpiredBackup());
        assertEquals(OptionalInt.empty(), named(b, "PREEMPT").timerExpiredBackup());
        var m = b.messages();
        assertTrue(m.contains("(BAD) timer_expired_backup highest_other_priority not valid! must be between 1 & 254"), m.toString());
        assertTrue(m.contains("(PREEMPT) expired_timer_backup requires nopreempt - resetting"), m.toString());
    }

    @Test
    void vrrpDelayAfterBootIsReadInSeconds() {
        var b = build(List.of(List.of("global_defs {", "  vrrp_delay_after_boot 15.23", "}"), instance("VI", 100)));
        assertEquals(java.time.Duration.ofMillis(15_230), b.config().globalDefs().vrrpDelayAfterBoot());
        var bad = build(List.of(List.of("global_defs {", "  vrrp_delay_after_boot soon", "}"), instance("VI", 100)));
        assertEquals(java.time.Duration.ZERO, bad.config().globalDefs().vrrpDelayAfterBoot());
        assertTrue(bad.messages().contains("vrrp_delay_after_boot 'soon' is invalid"), bad.messages().toString());
    }
}
