package io.jkeepalived.config.build;

import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import java.util.List;

/** A sync group as written; its members are checked once all instances are known. */
record UnresolvedSyncGroup(VrrpSyncGroupSpec spec, List<TrackRef> memberRefs) {
}
