package io.jkeepalived.config.build;

import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import java.util.List;

/**
 * A sync group as written; its members are checked once all instances are known. {@code notifyPriorityChanges}:
 * the group's notify_priority_changes if written, the default of its members that do not set their own.
 */
record UnresolvedSyncGroup(VrrpSyncGroupSpec spec, List<TrackRef> memberRefs,
                           java.util.Optional<Boolean> notifyPriorityChanges) {
}
