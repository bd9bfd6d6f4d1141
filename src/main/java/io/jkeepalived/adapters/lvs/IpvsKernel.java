package io.jkeepalived.adapters.lvs;

import io.jkeepalived.linux.Errno;
import io.jkeepalived.linux.GenericNetlink;
import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.ReceiveBuffer;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.lvs.ipvs.IpvsCodec;
import io.jkeepalived.lvs.ipvs.IpvsDaemon;
import io.jkeepalived.lvs.ipvs.IpvsDecoded;
import io.jkeepalived.lvs.ipvs.IpvsReply;
import io.jkeepalived.lvs.ipvs.IpvsRequest;
import io.jkeepalived.lvs.ipvs.IpvsService;
import io.jkeepalived.lvs.ipvs.IpvsTimeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The kernel's IPVS table through generic netlink: typed requests in, decoded replies out. One socket, used
 * from one thread. Errors are the kernel's, named after the request (e.g.
 * {@code IPVS_CMD_NEW_DEST TCP 192.0.2.10:80 -> 198.51.100.2:80(generic netlink): File exists (EEXIST)}).
 */
public final class IpvsKernel implements AutoCloseable {
    private final GenericNetlink netlink;
    private final int familyId;

    private IpvsKernel(GenericNetlink netlink, int familyId) {
        this.netlink = netlink;
        this.familyId = familyId;
    }

    /**
     * Opens IPVS in the calling thread's network namespace. ENOENT means the kernel has no IPVS family (the
     * {@code ip_vs} module is not loaded, or the kernel lacks it).
     */
    public static IpvsKernel open() throws SyscallException {
        return open(ReceiveBuffer.DEFAULT);
    }

    /** ... with the generic netlink socket's receive buffer as configured (lvs_netlink_cmd_rcv_bufs). */
    public static IpvsKernel open(ReceiveBuffer receiveBuffer) throws SyscallException {
        var netlink = Linux.openGenericNetlink(receiveBuffer);
        try {
            return new IpvsKernel(netlink, netlink.familyId(IpvsCodec.FAMILY_NAME));
        } catch (SyscallException | RuntimeException e) {
            netlink.close();
            throw e;
        }
    }

    /** Whether a failure means "no IPVS in this kernel" rather than a refused request. */
    public static boolean absent(SyscallException e) {
        return e.errno() == Errno.ENOENT && e.call().startsWith("CTRL_CMD_GETFAMILY");
    }

    /** A change (service, destination, timeouts, daemon, flush); the kernel's refusal is thrown. */
    public void apply(IpvsRequest request, String what) throws SyscallException {
        netlink.request(IpvsCodec.encode(request, familyId), what);
    }

    /**
     * Many changes in order, a few dozen to a netlink datagram; returns the kernel's refusals by index into
     * {@code requests}, each named by {@code what} of its index (built only for a refusal).
     */
    public Map<Integer, SyscallException> applyAll(List<IpvsRequest> requests, IntFunction<String> what) {
        var messages = new ArrayList<byte[]>(requests.size());
        for (var r : requests) {
            messages.add(IpvsCodec.encode(r, familyId));
        }
        return netlink.changeAll(messages, what);
    }

    public List<IpvsReply.Service> services() throws SyscallException {
        return decodeAll(netlink.dump(IpvsCodec.encode(new IpvsRequest.GetServices(), familyId), "IPVS_CMD_GET_SERVICE"),
                IpvsReply.Service.class);
    }

    public List<IpvsReply.Dest> dests(IpvsService service) throws SyscallException {
        return decodeAll(netlink.dump(IpvsCodec.encode(new IpvsRequest.GetDests(service), familyId),
                "IPVS_CMD_GET_DEST " + service.describe()), IpvsReply.Dest.class);
    }

    public IpvsTimeouts timeouts() throws SyscallException {
        return decodeAll(netlink.request(IpvsCodec.encode(new IpvsRequest.GetConfig(), familyId), "IPVS_CMD_GET_CONFIG"),
                IpvsReply.Config.class).getFirst().timeouts();
    }

    public List<IpvsDaemon> daemons() throws SyscallException {
        return decodeAll(netlink.dump(IpvsCodec.encode(new IpvsRequest.GetDaemons(), familyId), "IPVS_CMD_GET_DAEMON"),
                IpvsReply.Daemon.class).stream().map(IpvsReply.Daemon::daemon).toList();
    }

    public IpvsReply.Info info() throws SyscallException {
        return decodeAll(netlink.request(IpvsCodec.encode(new IpvsRequest.GetInfo(), familyId), "IPVS_CMD_GET_INFO"),
                IpvsReply.Info.class).getFirst();
    }

    private static <T extends IpvsReply> List<T> decodeAll(List<byte[]> messages, Class<T> type) throws SyscallException {
        var out = new ArrayList<T>();
        for (byte[] m : messages) {
            switch (IpvsCodec.decode(m)) {
                case IpvsDecoded.Ok(var reply) when type.isInstance(reply) -> out.add(type.cast(reply));
                case IpvsDecoded.Ok ok -> { } // another kind of entry: not asked for
                case IpvsDecoded.Rejected r -> throw new SyscallException("IPVS decode", type.getSimpleName(), Errno.EINVAL,
                        r.reason() + " at byte " + r.offset() + ": " + r.detail());
            }
        }
        return out;
    }

    @Override
    public void close() {
        netlink.close();
    }
}
