package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.VrrpAction.NotifyState;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.Optional;

/**
 * An instance a reload removes (keepalived's clear_diff_vrrp: no instance in the new configuration is the same
 * virtual router), and how it is announced in place of STOP: DELETED with {@code notify_deleted}; otherwise
 * FAULT, keepalived's old way kept as its default - and nothing at all for an instance already in FAULT.
 *
 * @param as the notify state to announce; empty for none
 */
record GoneAtReload(String instance, Optional<NotifyState> as) {
    static GoneAtReload of(String instance, VrrpState state, boolean notifyDeleted) {
        if (notifyDeleted) {
            return new GoneAtReload(instance, Optional.of(NotifyState.DELETED));
        }
        return new GoneAtReload(instance, state == VrrpState.FAULT ? Optional.empty() : Optional.of(NotifyState.FAULT));
    }
}
