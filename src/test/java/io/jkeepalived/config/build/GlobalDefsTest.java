package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalDefsTest {
    @Test
    void defaultsAreKeepalivedsOwn() {
        var g = Built.of("global_defs {", "}").config().globalDefs();
        assertEquals("eth0", g.defaultInterface());
        assertEquals(Duration.ofSeconds(5), g.garp().masterDelay());
        assertEquals(5, g.garp().masterRepeat());
        assertEquals(Duration.ofSeconds(5), g.garp().lowerPrioDelay());
        assertEquals(2, g.vrrpVersion());
        assertEquals(3, g.vrrpDownTimerAdverts());
        assertEquals("224.0.0.18", g.vrrpMcastGroup4().getHostAddress());
        assertEquals(Duration.ofSeconds(30), g.smtpConnectTimeout());
        assertEquals(0177, g.umask());
    }

    @Test
    void valuesAreRead() {
        var b = Built.of("global_defs {",
                "  router_id R1",
                "  notification_email {",
                "    ops@example.org",
                "  }",
                "  smtp_server 192.0.2.25 2525",
                "  vrrp_garp_master_delay 2.5",
                "  vrrp_version 3",
                "  enable_script_security",
                "}");
        var g = b.config().globalDefs();
        assertEquals("R1", g.routerId().orElseThrow());
        assertEquals(List.of("ops@example.org"), g.notificationEmail());
        assertEquals(2525, g.smtpServerPort());
        assertEquals(Duration.ofMillis(2500), g.garp().masterDelay());
        assertEquals(Duration.ofMillis(2500), g.garp().lowerPrioDelay(), "lower-prio delay follows the master delay");
        assertEquals(3, g.vrrpVersion());
        assertEquals("keepalived_script", g.scriptUser().orElseThrow());
        assertEquals(List.of(), b.messages());
    }

    @Test
    void rangeAndValueErrorsUseKeepalivedsWords() {
        var b = Built.of("global_defs {", "  smtp_connect_timeout abc", "  vrrp_version 4", "}");
        assertTrue(b.has("invalid number 'abc'", 2));
        assertTrue(b.has("smtp_connect_timeout 'abc' must be in [0, 4294] - ignoring", 2));
        assertTrue(b.has("number '4' outside range [2, 3]", 3));
        assertEquals(2, b.config().globalDefs().vrrpVersion());
    }

    @Test
    void missingParameterIsFatal() {
        var b = Built.of("global_defs {", "  vrrp_garp_master_delay", "}");
        assertEquals(io.jkeepalived.config.Severity.FATAL, b.findings().get(0).severity());
        assertEquals("*** Configuration line starting `vrrp_garp_master_delay` is missing a parameter after keyword"
                + " `vrrp_garp_master_delay` at word position 2", b.findings().get(0).message());
    }
}
