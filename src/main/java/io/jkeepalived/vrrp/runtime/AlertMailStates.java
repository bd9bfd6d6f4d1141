package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.VrrpAction.NotifyState;
import io.jkeepalived.vrrp.engine.VrrpAction.NotifyTarget;
import java.util.HashMap;
import java.util.Map;

/**
 * Which VRRP state changes get an SMTP alert, as keepalived's vrrp_smtp_notifier decides: never twice in a
 * row for the same state of one instance or group (its {@code last_email_state}), and with
 * {@code no_email_faults} never for FAULT. A skipped FAULT leaves the last mailed state alone, so
 * BACKUP, FAULT, BACKUP mails BACKUP once (keepalived does the same).
 */
final class AlertMailStates {
    private record Key(NotifyTarget target, String name) {}

    private final boolean noEmailFaults;
    private final Map<Key, NotifyState> lastMailed = new HashMap<>();

    AlertMailStates(boolean noEmailFaults) {
        this.noEmailFaults = noEmailFaults;
    }

    /** True if this state change is mailed; remembers it as the last mailed state. */
    boolean mail(NotifyTarget target, String name, NotifyState state) {
        if (noEmailFaults && state == NotifyState.FAULT) {
            return false;
        }
        return lastMailed.put(new Key(target, name), state) != state;
    }
}
