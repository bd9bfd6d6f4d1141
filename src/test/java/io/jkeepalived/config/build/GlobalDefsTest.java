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

    /** keepalived's vrrp_min_garp_handler: defaults still in place at its line become one GARP, no second burst. */
    @Test
    void minGarpChangesOnlyWhatStillHasItsDefault() {
        var min = Built.of("global_defs {", "  vrrp_min_garp", "}").config().globalDefs().garp();
        assertEquals(List.of(Duration.ZERO, 1, 0), List.of(min.masterDelay(), min.masterRepeat(), min.masterRefreshRepeat()));
        var setBefore = Built.of("global_defs {", "  vrrp_garp_master_repeat 3", "  vrrp_min_garp", "}").config().globalDefs().garp();
        assertEquals(3, setBefore.masterRepeat());
        assertEquals(Duration.ZERO, setBefore.masterDelay());
        var setAfter = Built.of("global_defs {", "  vrrp_min_garp", "  vrrp_garp_master_delay 2", "}").config().globalDefs().garp();
        assertEquals(List.of(Duration.ofSeconds(2), 1), List.of(setAfter.masterDelay(), setAfter.masterRepeat()));
        var off = Built.of("global_defs {", "  vrrp_min_garp false", "}").config().globalDefs().garp();
        assertEquals(5, off.masterRepeat());
        var bad = Built.of("global_defs {", "  vrrp_min_garp maybe", "}");
        assertEquals(5, bad.config().globalDefs().garp().masterRepeat());
        assertTrue(bad.findings().stream().anyMatch(d -> d.message().equals("Invalid value for vrrp_min_garp specified")),
                bad.findings().toString());
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

    /** keepalived 2.2.7's verdicts on the same lines (keepalived -t, 2 CPUs online), and the values it keeps. */
    @Test
    void processSettingsAsKeepalivedReadsThem() {
        var b = Built.of("global_defs {",
                "  vrrp_priority",
                "  checker_priority 30",
                "  vrrp_rt_priority 0",
                "  checker_rt_priority abc",
                "  vrrp_rlimit_rtime 1",
                "  checker_rlimit_rttime x",
                "  vrrp_cpu_affinity 0 7x",
                "  checker_cpu_affinity 1 abc",
                "  vrrp_no_swap",
                "}");
        assertTrue(b.has("No vrrp process priority specified", 2));
        assertTrue(b.has("number '30' outside range [-20, 19]", 3));
        assertTrue(b.has("Invalid checker process priority specified", 3));
        assertTrue(b.has("vrrp process real-time priority 0 less than minimum 1 - setting to minimum", 4));
        assertTrue(b.has("checker process real-time priority 'abc' invalid", 5));
        assertTrue(b.has("Invalid checker real-time limit - x", 7));
        assertTrue(b.has("Invalid cpu_id:7 specified for vrrp process", 8));
        assertTrue(b.has("Invalid cpu_id:0 specified for checker process", 9));
        var g = b.config().globalDefs();
        assertEquals(0, g.vrrpPriority());
        assertEquals(0, g.checkerPriority());
        assertEquals(1, g.vrrpRtPriority(), "clamped to the minimum");
        assertEquals(0, g.checkerRtPriority(), "refused: no realtime priority");
        assertEquals(2, g.vrrpRlimitRttime(), "1 is taken as 2 (the soft limit is half)");
        assertEquals(0, g.checkerRlimitRttime(), "invalid: no limit, as keepalived");
        assertEquals(List.of(), g.vrrpCpuAffinity(), "one bad cpu_id empties the set");
        assertEquals(List.of(), g.checkerCpuAffinity());
        assertTrue(g.vrrpNoSwap());

        var negative = Built.of("global_defs {", "  vrrp_cpu_affinity -1", "}");
        assertTrue(negative.has("number '-1' outside range [0, " + (Runtime.getRuntime().availableProcessors() - 1) + "]", 2),
                negative.messages().toString());
        assertTrue(negative.has("Invalid cpu_id:-1 specified for vrrp process", 2));

        var good = Built.of("global_defs {", "  vrrp_rt_priority 120", "  checker_priority -7", "  checker_cpu_affinity 0 +0",
                "  checker_rt_priority 15", "}");
        assertTrue(good.has("vrrp process real-time priority 120 greater than maximum 99 - setting to maximum", 2));
        var h = good.config().globalDefs();
        assertEquals(99, h.vrrpRtPriority());
        assertEquals(-7, h.checkerPriority());
        assertEquals(List.of(0), h.checkerCpuAffinity());
        assertEquals(15, h.checkerRtPriority());
        assertEquals(10000, h.vrrpRlimitRttime(), "keepalived's default RLIMIT_RTTIME");
        assertEquals(10000, h.checkerRlimitRttime());
    }

    @Test
    void missingParameterIsFatal() {
        var b = Built.of("global_defs {", "  vrrp_garp_master_delay", "}");
        assertEquals(io.jkeepalived.config.Severity.FATAL, b.findings().get(0).severity());
        assertEquals("*** Configuration line starting `vrrp_garp_master_delay` is missing a parameter after keyword"
                + " `vrrp_garp_master_delay` at word position 2", b.findings().get(0).message());
    }
}
