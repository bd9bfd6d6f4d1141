package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.port.LvsSyncDaemon;
import io.jkeepalived.vrrp.port.Notifier;

/**
 * Switches the LVS sync daemon with its instance's state, as keepalived does: master on entering MASTER,
 * backup on leaving it (and at start, when every instance is not yet MASTER). Everything else passes through.
 */
final class SyncDaemonNotifier implements Notifier {
    private final Notifier delegate;
    private final LvsSyncDaemon daemon;

    SyncDaemonNotifier(Notifier delegate, LvsSyncDaemon daemon) {
        this.delegate = delegate;
        this.daemon = daemon;
        daemon.backup();
    }

    @Override
    public void notify(VrrpAction.RunNotify notify) {
        delegate.notify(notify);
    }

    @Override
    public void transition(VrrpAction.Transition t) {
        if (t.instance().equals(daemon.instance())) {
            if (t.to() == VrrpState.MASTER) {
                daemon.master();
            } else if (t.from() == VrrpState.MASTER) {
                daemon.backup();
            }
        }
        delegate.transition(t);
    }

    @Override
    public void splitBrain(VrrpAction.SplitBrain splitBrain) {
        delegate.splitBrain(splitBrain);
    }
}
