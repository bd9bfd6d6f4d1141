package io.jkeepalived.config.model;

import java.util.Optional;

/**
 * The notify scripts of a vrrp_instance or vrrp_sync_group. {@code deleted} is set by
 * {@code notify_deleted} (with or without a script); {@code notifyDeletedSet} tells the two apart.
 */
public record NotifySpec(
        Optional<ScriptSpec> master,
        Optional<ScriptSpec> backup,
        Optional<ScriptSpec> fault,
        Optional<ScriptSpec> stop,
        Optional<ScriptSpec> deleted,
        boolean notifyDeletedSet,
        Optional<ScriptSpec> generic,
        Optional<ScriptSpec> masterRxLowerPri) {

    public static final NotifySpec NONE = new NotifySpec(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());

    public boolean any() {
        return master.isPresent() || backup.isPresent() || fault.isPresent() || stop.isPresent()
                || deleted.isPresent() || generic.isPresent() || masterRxLowerPri.isPresent();
    }
}
