package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's syslog idents per process, with make_syslog_ident's {@code _INSTANCE} when the config names one. */
class SubsystemIdentsTest {
    @TempDir
    Path dir;

    @Test
    void identsAreKeepalivedsWithTheInstanceAppended() throws Exception {
        Path plain = dir.resolve("plain.conf");
        Files.writeString(plain, "global_defs {\n    router_id x\n}\n");
        Path named = dir.resolve("named.conf");
        Files.writeString(named, "instance lb1\nglobal_defs {\n    router_id x\n}\n");
        var p = ConfigTest.load(plain, "", false, new DiagnosticSink());
        var n = ConfigTest.load(named, "", false, new DiagnosticSink());
        assertEquals("Keepalived_vrrp", Subsystems.ident(Subsystems.VRRP_IDENT, p));
        assertEquals("Keepalived_healthcheckers", Subsystems.ident(Subsystems.CHECKER_IDENT, p));
        assertEquals("Keepalived_vrrp_lb1", Subsystems.ident(Subsystems.VRRP_IDENT, n));
        assertEquals("Keepalived_lb1", Subsystems.ident(io.jkeepalived.daemon.log.DaemonLog.PARENT_IDENT, n));
    }
}
