package io.jkeepalived.daemon.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.common.Log;
import io.jkeepalived.testsupport.DatagramListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The syslog datagrams as glibc's syslog(3) sends them, facilities, and what happens when syslog is away. */
@Timeout(60)
class SyslogWriterTest {
    @TempDir
    Path dir;

    private static final Clock DEC_7 = Clock.fixed(Instant.parse("2026-12-07T05:04:03Z"), ZoneOffset.UTC);

    @Test
    void aLineIsPriTimestampIdentPidMessage() {
        var w = new SyslogWriter("/nonexistent", SyslogWriter.facility("daemon"), DEC_7, 4242);
        try {
            assertEquals("<30>Dec  7 05:04:03 Keepalived_vrrp[4242]: (VI_1) Entering MASTER STATE",
                    w.datagram(DEC_7.millis(), SyslogWriter.severity(Log.Level.INFO), "Keepalived_vrrp",
                            "(VI_1) Entering MASTER STATE"));
        } finally {
            w.close();
        }
    }

    @Test
    void facilitiesAreKeepalivedsDashS() {
        assertEquals(3 << 3, SyslogWriter.facility("daemon"));
        assertEquals(1 << 3, SyslogWriter.facility("user"));
        assertEquals(19 << 3, SyslogWriter.facility("3"));        // LOG_LOCAL3
        assertEquals(19 << 3, SyslogWriter.facility("local3"));
        assertEquals(16 << 3, SyslogWriter.facility("0"));
        assertEquals(23 << 3, SyslogWriter.facility("local7"));
        assertThrows(IllegalArgumentException.class, () -> SyslogWriter.facility("local8"));
        assertEquals(3, SyslogWriter.severity(Log.Level.ERROR));
        assertEquals(4, SyslogWriter.severity(Log.Level.WARNING));
        assertEquals(6, SyslogWriter.severity(Log.Level.DEBUG), "-D's detail lines go at info, as keepalived's");
    }

    @Test
    void linesReachTheSocketInOrderWithTheirIdents() throws Exception {
        String path = dir.resolve("log").toString();
        try (var listener = DatagramListener.bind(path)) {
            var w = new SyslogWriter(path, SyslogWriter.facility("local3"), Clock.system(ZoneId.systemDefault()), 7);
            w.write(Log.Level.INFO, "Keepalived", "Starting");
            w.write(Log.Level.ERROR, "Keepalived_healthcheckers", "TCP connection to [192.0.2.1]:tcp:80 failed.");
            w.close();
            listener.expect(0, Duration.ofSeconds(5), "two lines", m -> m.contains("failed."));
            var got = listener.received();
            assertTrue(got.get(0).matches("<158>[A-Z][a-z]{2} [ 1-3][0-9] \\d\\d:\\d\\d:\\d\\d Keepalived\\[7\\]: Starting"), got.get(0));
            assertTrue(got.get(1).startsWith("<155>") && got.get(1).contains(" Keepalived_healthcheckers[7]: TCP connection"), got.get(1));
        }
    }

    @Test
    void whileSyslogIsAwayLinesAreDroppedAndCountedAndItIsFoundAgain() throws Exception {
        String path = dir.resolve("log").toString();
        var w = new SyslogWriter(path, SyslogWriter.facility("daemon"), Clock.systemUTC(), 7);
        try {
            w.write(Log.Level.INFO, "Keepalived", "lost 1");
            w.write(Log.Level.INFO, "Keepalived", "lost 2");
            long end = System.nanoTime() + 5_000_000_000L;
            while (w.dropped() < 2 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertEquals(2, w.dropped());
            try (var listener = DatagramListener.bind(path)) {        // syslog is back
                Thread.sleep(SyslogWriter.RETRY_AFTER.toMillis() + 100);
                w.write(Log.Level.INFO, "Keepalived", "back");
                listener.expect(0, Duration.ofSeconds(5), "the line after syslog came back", m -> m.endsWith(": back"));
                assertTrue(listener.received().get(0).matches("<28>.* Keepalived\\[7\\]: 2 log lines dropped .*"),
                        listener.received().toString());
            }
        } finally {
            w.close();
        }
    }

    @Test
    void aStuckSyslogNeverBlocksTheDaemon() throws Exception {
        String path = dir.resolve("log").toString();
        try (var stuck = io.jkeepalived.linux.Linux.bindUnixDatagram(path)) {
            var w = new SyslogWriter(path, SyslogWriter.facility("daemon"), Clock.systemUTC(), 7);
            try {
                long start = System.nanoTime();
                for (int i = 0; i < 20_000; i++) {
                    w.write(Log.Level.INFO, "Keepalived", "line " + i);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5_000, "20000 lines took " + millis + " ms");
                long end = System.nanoTime() + 10_000_000_000L;
                while (w.dropped() == 0 && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                assertTrue(w.dropped() > 0, "a receiver that reads nothing makes lines drop, counted");
            } finally {
                long closing = System.nanoTime();
                w.close();
                assertTrue((System.nanoTime() - closing) / 1_000_000 < 4_000, "close gives up on a stuck syslog");
            }
        }
    }

    @Test
    void daemonLogSendsEachPartsLinesUnderItsIdentAndHonoursTheThreshold() throws Exception {
        String path = dir.resolve("log").toString();
        try (var listener = DatagramListener.bind(path)) {
            var syslog = new SyslogWriter(path, SyslogWriter.facility("daemon"), Clock.systemUTC(), 9);
            try (var log = new DaemonLog(Clock.systemUTC(), Log.Level.INFO,
                    new DaemonLog.Targets(null, null, 0177, true, syslog), false)) {
                log.info("parent line");
                Log vrrp = log.as("Keepalived_vrrp");
                vrrp.info("(VI_1) Entering BACKUP STATE");
                vrrp.detail("not at info");
                vrrp.as("Keepalived_healthcheckers").warning("checker line");
            }
            listener.expect(0, Duration.ofSeconds(5), "three lines", m -> m.endsWith("checker line"));
            var got = listener.received();
            assertEquals(3, got.size(), got.toString());
            assertTrue(got.get(0).startsWith("<30>") && got.get(0).endsWith(" Keepalived[9]: parent line"), got.get(0));
            assertTrue(got.get(1).endsWith(" Keepalived_vrrp[9]: (VI_1) Entering BACKUP STATE"), got.get(1));
            assertTrue(got.get(2).startsWith("<28>") && got.get(2).endsWith(" Keepalived_healthcheckers[9]: checker line"), got.get(2));
        }
    }

    @Test
    void stderrIsTheJournalOnlyWhenJournalStreamNamesOurFd2() throws Exception {
        Path fd2 = Path.of("/proc/self/fd/2");
        String ours = java.nio.file.Files.getAttribute(fd2, "unix:dev") + ":" + java.nio.file.Files.getAttribute(fd2, "unix:ino");
        assertTrue(SyslogTargets.stderrIsJournal(java.util.Map.of("JOURNAL_STREAM", ours)));
        assertTrue(!SyslogTargets.stderrIsJournal(java.util.Map.of("JOURNAL_STREAM", ours + "1")));
        assertTrue(!SyslogTargets.stderrIsJournal(java.util.Map.of()));
    }
}
