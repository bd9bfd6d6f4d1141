package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.engine.VrrpAction.NotifyState.BACKUP;
import static io.jkeepalived.vrrp.engine.VrrpAction.NotifyState.FAULT;
import static io.jkeepalived.vrrp.engine.VrrpAction.NotifyState.MASTER;
import static io.jkeepalived.vrrp.engine.VrrpAction.NotifyTarget.GROUP;
import static io.jkeepalived.vrrp.engine.VrrpAction.NotifyTarget.INSTANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived's vrrp_smtp_notifier rule: no_email_faults, and never the same state mailed twice in a row. */
class AlertMailStatesTest {
    @Test
    void faultsAreMailedByDefault() {
        var states = new AlertMailStates(false);
        assertEquals(List.of(true, true, true), List.of(states.mail(INSTANCE, "VI_1", BACKUP),
                states.mail(INSTANCE, "VI_1", FAULT), states.mail(INSTANCE, "VI_1", BACKUP)));
    }

    @Test
    void noEmailFaultsSkipsFaultAndTheBackupThatMerelyReturnsFromIt() {
        var states = new AlertMailStates(true);
        assertEquals(List.of(true, false, false, true, false, true), List.of(states.mail(INSTANCE, "VI_1", BACKUP),
                states.mail(INSTANCE, "VI_1", FAULT), states.mail(INSTANCE, "VI_1", BACKUP),
                states.mail(INSTANCE, "VI_1", MASTER), states.mail(GROUP, "G1", FAULT), states.mail(GROUP, "G1", BACKUP)));
    }

    @Test
    void instancesAndGroupsAreTrackedApart() {
        var states = new AlertMailStates(false);
        assertEquals(List.of(true, true, true, false), List.of(states.mail(INSTANCE, "X", MASTER),
                states.mail(GROUP, "X", MASTER), states.mail(INSTANCE, "Y", MASTER), states.mail(INSTANCE, "X", MASTER)));
    }
}
