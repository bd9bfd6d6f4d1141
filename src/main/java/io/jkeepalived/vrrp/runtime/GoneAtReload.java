package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.VrrpState;

/**
 * An instance a reload removes (keepalived's clear_diff_vrrp: no instance in the new configuration is the same
 * virtual router). Its STOP notify becomes a DELETED one (VrrpNotifier words it as keepalived does, FAULT without
 * {@code notify_deleted}); an instance already in FAULT without {@code notify_deleted} is not announced at all.
 */
record GoneAtReload(String instance, boolean announced) {
    static GoneAtReload of(String instance, VrrpState state, boolean notifyDeleted) {
        return new GoneAtReload(instance, notifyDeleted || state != VrrpState.FAULT);
    }
}
