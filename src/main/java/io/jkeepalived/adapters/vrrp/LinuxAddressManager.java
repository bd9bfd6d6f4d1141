package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.linux.Errno;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Rtnetlink;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.vrrp.port.AddressManager;
import io.jkeepalived.vrrp.port.LogSink;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * AddressManager over rtnetlink: each instance's VIPs with their full spec (interface, prefix,
 * scope, label, IPv6 nodad). Adding an address that is there or removing one that is gone is not
 * an error (keepalived ignores both too). no_accept's drop rule is {@link NftablesVipFirewall}'s, around this.
 */
public final class LinuxAddressManager implements AddressManager {
    private final Rtnetlink rtnetlink;
    private final Map<String, List<InterfaceAddress>> addressesByInstance;
    private final LogSink log;

    public LinuxAddressManager(Rtnetlink rtnetlink, Map<String, List<InterfaceAddress>> addressesByInstance, LogSink log) {
        this.rtnetlink = rtnetlink;
        this.addressesByInstance = Map.copyOf(addressesByInstance);
        this.log = log;
    }

    @Override
    public void add(String instance, List<InetAddress> vips, boolean accept) throws SyscallException {
        for (InterfaceAddress a : specs(instance, vips)) {
            try {
                rtnetlink.addAddress(a);
            } catch (SyscallException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void remove(String instance, List<InetAddress> vips, boolean accept) throws SyscallException {
        for (InterfaceAddress a : specs(instance, vips)) {
            try {
                rtnetlink.deleteAddress(a);
            } catch (SyscallException e) {
                if (e.errno() != Errno.EADDRNOTAVAIL && e.errno() != Errno.ENOENT && e.errno() != Errno.ENODEV) {
                    throw e;
                }
            }
        }
    }

    private List<InterfaceAddress> specs(String instance, List<InetAddress> vips) {
        return addressesByInstance.getOrDefault(instance, List.of()).stream()
                .filter(a -> vips.contains(a.address())).toList();
    }
}
