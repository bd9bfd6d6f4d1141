package io.jkeepalived.lvs;

/**
 * The port through which the check engine's decisions reach a load balancer (IPVS, nftables, ...).
 * Calls come from one event loop; implementations apply them to the kernel or record them.
 */
public interface DataPlane {

    void addVirtualService(VirtualService service);

    void removeVirtualService(VirtualService service);

    void addRealServer(VirtualService service, RealServer server, int weight);

    /** Changes the weight of a real server already present (weight 0 drains it: inhibit_on_failure). */
    void updateRealServer(VirtualService service, RealServer server, int weight);

    void removeRealServer(VirtualService service, RealServer server);
}
