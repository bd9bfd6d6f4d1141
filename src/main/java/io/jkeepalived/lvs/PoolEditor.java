package io.jkeepalived.lvs;

/**
 * How the check engine's decisions change the desired pool: the services it runs, and which real servers
 * are in them with which weight. Nothing here reaches the kernel; the reconciler does that afterwards.
 */
public interface PoolEditor {

    void addVirtualService(VirtualService service);

    void removeVirtualService(VirtualService service);

    void addRealServer(VirtualService service, RealServer server, int weight);

    /** Changes the weight of a real server already present (weight 0 drains it: inhibit_on_failure). */
    void updateRealServer(VirtualService service, RealServer server, int weight);

    void removeRealServer(VirtualService service, RealServer server);
}
