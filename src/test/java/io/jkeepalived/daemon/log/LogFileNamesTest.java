package io.jkeepalived.daemon.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.common.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's -g: one file per process (FILE, FILE_vrrp, FILE_check), relative names in $TMPDIR, its line format. */
class LogFileNamesTest {
    @TempDir
    Path dir;

    @Test
    void eachProcessHasItsFileAsKeepalivedNamesThem() {
        Path base = Path.of("/var/log/keepalived.log");
        assertEquals(base, LogFileNames.forIdent(base, "Keepalived"));
        assertEquals(Path.of("/var/log/keepalived_vrrp.log"), LogFileNames.forIdent(base, "Keepalived_vrrp"));
        assertEquals(Path.of("/var/log/keepalived_check.log"), LogFileNames.forIdent(base, "Keepalived_healthcheckers"));
        assertEquals(Path.of("/var/log/keepalived_vrrp_lb1.log"), LogFileNames.forIdent(base, "Keepalived_vrrp_lb1"));
        assertEquals(Path.of("/var/log/keepalived_lb1.log"), LogFileNames.forIdent(base, "Keepalived_lb1"));
        assertEquals(Path.of("/var/log/ka_vrrp"), LogFileNames.forIdent(Path.of("/var/log/ka"), "Keepalived_vrrp"));
        assertEquals(Path.of("/tmp/keepalived.log"), LogFileNames.base(Path.of("keepalived.log"), Map.of()));
        assertEquals(Path.of("/srv/t/k.log"), LogFileNames.base(Path.of("k.log"), Map.of("TMPDIR", "/srv/t")));
        assertEquals(Path.of("/x/k.log"), LogFileNames.base(Path.of("/x/k.log"), Map.of("TMPDIR", "/srv/t")));
    }

    @Test
    void theDaemonLogWritesEachIdentsFileInKeepalivedsFileFormat() throws Exception {
        Path base = dir.resolve("keepalived.log");
        var clock = Clock.fixed(Instant.parse("2026-12-07T06:34:02.123456789Z"), ZoneOffset.UTC);
        try (var log = new DaemonLog(clock, Log.Level.INFO, new DaemonLog.Targets(null, base, 0177, false, null), false)) {
            log.info("Starting");
            log.as("Keepalived_vrrp").info("(VI_1) Entering MASTER STATE");
            log.as("Keepalived_healthcheckers").info("Activating healthchecker for service [192.0.2.1]:tcp:80");
        }
        assertEquals("Mon Dec 07 06:34:02.123456789 2026: Starting\n", Files.readString(base));
        assertEquals("Mon Dec 07 06:34:02.123456789 2026: (VI_1) Entering MASTER STATE\n",
                Files.readString(dir.resolve("keepalived_vrrp.log")));
        assertTrue(Files.readString(dir.resolve("keepalived_check.log")).endsWith(": Activating healthchecker for service "
                + "[192.0.2.1]:tcp:80\n"));
        assertEquals("600", Integer.toOctalString(Files.getPosixFilePermissions(dir.resolve("keepalived_vrrp.log")).stream()
                .mapToInt(p -> 1 << (8 - p.ordinal())).sum()), "the umask applies to every file");
    }
}
