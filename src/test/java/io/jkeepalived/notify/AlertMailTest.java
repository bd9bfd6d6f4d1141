package io.jkeepalived.notify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** keepalived's subjects and bodies, word for word (core/smtp.c, ipwrapper.c, vrrp.c of 2.2.7). */
class AlertMailTest {
    @Test
    void realServerSubjects() {
        var m = AlertMail.realServer("lb1", "[192.0.2.11]:tcp:80", "[192.0.2.1]:tcp:80", false,
                "=> CHECK failed on service : HTTP request failed <=");
        assertEquals("[lb1] Realserver [192.0.2.11]:tcp:80 of virtual server [192.0.2.1]:tcp:80 - DOWN", m.subject());
        assertEquals("=> CHECK failed on service : HTTP request failed <=", m.body());
        assertEquals("[lb1] Realserver [192.0.2.11]:tcp:80 of virtual server [192.0.2.1]:tcp:80 - DOWN",
                AlertMail.realServerShutdown("lb1", "[192.0.2.11]:tcp:80", "[192.0.2.1]:tcp:80", true).subject());
    }

    @Test
    void virtualServerQuorum() {
        var m = AlertMail.virtualServer("lb1", "[192.0.2.1]:tcp:80", false, AlertMail.quorumBody(false, false, 3, 1, 2, 1));
        assertEquals("[lb1] Virtualserver [192.0.2.1]:tcp:80 - DOWN", m.subject());
        assertEquals("=> Lost quorum 3+1=2 <= 1 <=", m.body());
        assertEquals("=> Starting with quorum up 1+0=1 <= 2 <=", AlertMail.quorumBody(true, true, 1, 0, 1, 2));
    }

    @Test
    void vrrpSubjects() {
        var m = AlertMail.vrrpInstance("lb1", "VI_1", AlertMail.VrrpEvent.MASTER);
        assertEquals("[lb1] VRRP Instance VI_1 - Entering MASTER state", m.subject());
        assertEquals("=> VRRP Instance is now owning VRRP VIPs <=", m.body());
        assertEquals("[lb1] VRRP Group G1 - Entering FAULT state",
                AlertMail.vrrpGroup("lb1", "G1", AlertMail.VrrpEvent.FAULT).subject());
        assertThrows(IllegalArgumentException.class, () -> AlertMail.vrrpGroup("lb1", "G1", AlertMail.VrrpEvent.DELETED));
    }

    @Test
    void longTextIsCutLikeKeepalivedsBuffers() {
        var m = new AlertMail("s".repeat(400), "b".repeat(900));
        assertEquals(255, m.subject().length());
        assertEquals(511, m.body().length());
    }
}
