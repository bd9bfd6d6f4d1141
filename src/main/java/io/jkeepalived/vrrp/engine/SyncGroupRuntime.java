package io.jkeepalived.vrrp.engine;

import java.util.ArrayList;
import java.util.List;

/** Runtime state of a vrrp_sync_group. Engine-private. */
final class SyncGroupRuntime {
    final SyncGroupParams params;
    final List<InstanceRuntime> members = new ArrayList<>();
    VrrpState state = VrrpState.INIT;
    int numMemberFault;

    SyncGroupRuntime(SyncGroupParams params) {
        this.params = params;
    }
}
