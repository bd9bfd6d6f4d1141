package io.jkeepalived.vrrp.port;

import io.jkeepalived.vrrp.engine.VrrpAction;

/**
 * Port: notify scripts, notify FIFO, SMTP alerts and anything else that wants state changes.
 * Must not block the VRRP loop (scripts run elsewhere).
 */
public interface Notifier {
    void notify(VrrpAction.RunNotify notify);

    /** Every state change, for metrics and the status API; default: nothing. */
    default void transition(VrrpAction.Transition transition) {
    }

    /** The effective priority changed (see VrrpAction.PriorityChanged); default: nothing. */
    default void priorityChanged(VrrpAction.PriorityChanged change) {
    }

    /** Two masters were seen for one VRID (see VrrpAction.SplitBrain); default: nothing. */
    default void splitBrain(VrrpAction.SplitBrain splitBrain) {
    }
}
