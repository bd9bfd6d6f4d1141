package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.port.AddressManager;
import java.net.InetAddress;
import java.util.List;

/**
 * keepalived's {@code -V} (--dont-release-vrrp): once the daemon is stopping, VIPs stay where they are
 * (the priority-0 advert still goes out). Otherwise passes everything through.
 */
final class StopAwareAddresses implements AddressManager {
    private final AddressManager delegate;
    private final boolean keepOnStop;
    private volatile boolean stopping;

    StopAwareAddresses(AddressManager delegate, boolean keepOnStop) {
        this.delegate = delegate;
        this.keepOnStop = keepOnStop;
    }

    void stopping() {
        stopping = true;
    }

    @Override
    public void add(String instance, List<InetAddress> vips, boolean accept) throws Exception {
        delegate.add(instance, vips, accept);
    }

    @Override
    public void remove(String instance, List<InetAddress> vips, boolean accept) throws Exception {
        if (!(stopping && keepOnStop)) {
            delegate.remove(instance, vips, accept);
        }
    }
}
