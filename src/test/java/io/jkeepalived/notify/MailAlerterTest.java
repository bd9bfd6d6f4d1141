package io.jkeepalived.notify;

import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.SmtpServer;
import io.jkeepalived.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Alert mails through a real SMTP server (aiosmtpd), read back from its Maildir. */
@Tag("root")
class MailAlerterTest {
    private static ServerNet net;
    private static SmtpServer smtp;

    @BeforeAll
    static void setUp() {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        assumeTrue(SmtpServer.available(), "needs Debian package " + SmtpServer.PACKAGE);
        net = ServerNet.create("jkp", "m");
        smtp = SmtpServer.start(net, "smtp");
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void mailsArriveWithKeepalivedsHeadersAndBody() {
        var log = new CopyOnWriteArrayList<String>();
        var settings = new SmtpAlertSettings(smtp.address(), "lb1.example.test", Duration.ofSeconds(5),
                "keepalived@example.test", List.of("ops@example.test", "oncall@example.test"), "lb1");
        int before = smtp.messages().size();
        try (var alerter = new MailAlerter(settings, log::add, 16)) {
            assertTrue(alerter.send(AlertMail.realServer("lb1", "[192.0.2.11]:tcp:80", "[192.0.2.1]:tcp:80", false,
                    "=> CHECK failed on service : HTTP request failed <=")));
            assertTrue(alerter.send(AlertMail.vrrpInstance("lb1", "VI_1", AlertMail.VrrpEvent.MASTER)));
            List<String> mails;
            try {
                mails = smtp.awaitMessages(before + 2, Duration.ofSeconds(15));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; alerter log: " + log, e);
            }
            String rs = mails.stream().filter(m -> m.contains("Realserver")).findFirst().orElseThrow();
            assertTrue(rs.contains("Subject: [lb1] Realserver [192.0.2.11]:tcp:80 of virtual server [192.0.2.1]:tcp:80 - DOWN"), rs);
            assertTrue(rs.contains("From: keepalived@example.test"), rs);
            assertTrue(rs.contains("To: ops@example.test, oncall@example.test"), rs);
            assertTrue(rs.contains("X-Mailer: Keepalived"), rs);
            assertTrue(rs.contains("Date: "), rs);
            assertTrue(rs.contains("=> CHECK failed on service : HTTP request failed <="), rs);
            // aiosmtpd records the envelope: HELO name, sender and both recipients
            assertTrue(rs.contains("X-Peer: "), rs);
            assertTrue(rs.contains("X-MailFrom: keepalived@example.test"), rs);
            assertTrue(rs.contains("X-RcptTo: ops@example.test, oncall@example.test"), rs);
            String vrrp = mails.stream().filter(m -> m.contains("VRRP Instance")).findFirst().orElseThrow();
            assertTrue(vrrp.contains("Subject: [lb1] VRRP Instance VI_1 - Entering MASTER state"), vrrp);
            assertTrue(vrrp.contains("=> VRRP Instance is now owning VRRP VIPs <="), vrrp);
            net.awaitTrue(Duration.ofSeconds(5), () -> alerter.sentCount() == 2, "both sends are counted");
        }
        assertEquals(2, log.stream().filter(l -> l.equals("SMTP alert successfully sent.")).count(), log.toString());
    }

    @Test
    void aSilentServerNeverBlocksTheCallerAndTheQueueIsBounded() {
        var silent = TestServers.tcp(net, TestServers.Mode.SILENT, 25, null);
        var log = new CopyOnWriteArrayList<String>();
        var settings = new SmtpAlertSettings(silent, "lb1", Duration.ofSeconds(1), "k@example.test", List.of("ops@example.test"), "lb1");
        try (var alerter = new MailAlerter(settings, log::add, 2)) {
            long start = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 50; i++) {
                if (alerter.send(new AlertMail("[lb1] test " + i, "body"))) {
                    accepted++;
                }
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 500, "send() blocked for " + tookMs + " ms");
            assertTrue(accepted <= 4, "accepted " + accepted);
            assertTrue(alerter.droppedCount() >= 46, "dropped " + alerter.droppedCount());
            net.awaitTrue(Duration.ofSeconds(10), () -> alerter.failedCount() >= 1, "the first mail fails on the timeout");
            assertTrue(log.stream().anyMatch(l -> l.startsWith("Timeout reading data to remote SMTP server [" + silent.getAddress().getHostAddress() + "]:25.")), log.toString());
        }
    }

    @Test
    void noRecipientsMeansNoMail() {
        var settings = new SmtpAlertSettings(smtp.address(), "lb1", Duration.ofSeconds(1), "k@example.test", List.of(), "lb1");
        try (var alerter = new MailAlerter(settings, s -> { }, 4)) {
            assertFalse(alerter.send(new AlertMail("x", "y")));
        }
    }
}
