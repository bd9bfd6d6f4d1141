package io.jkeepalived.adapters.lvs;

import io.jkeepalived.linux.ReceiveBuffer;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.lvs.DataPlane;
import io.jkeepalived.lvs.DataPlaneException;
import io.jkeepalived.lvs.LvsOp;
import io.jkeepalived.lvs.Pool;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceStats;
import io.jkeepalived.lvs.Timeouts;
import io.jkeepalived.lvs.ipvs.IpvsReply;
import io.jkeepalived.lvs.ipvs.IpvsRequest;
import io.jkeepalived.lvs.ipvs.IpvsStats;
import io.jkeepalived.lvs.ipvs.IpvsTimeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link DataPlane} on the kernel's IPVS, over generic netlink (no ipvsadm process). Each op is one netlink
 * request, sent a few dozen to a datagram; a refused op (a scheduler the kernel lacks, a server already there) is reported with the kernel's
 * error and the rest still apply. IPVS has no multi-request transaction, so "atomic" here means per op, in the
 * reconciler's order (servers added before old ones leave).
 */
public final class IpvsDataPlane implements DataPlane {
    private final IpvsKernel kernel;

    private IpvsDataPlane(IpvsKernel kernel) {
        this.kernel = kernel;
    }

    /** Opens IPVS in this network namespace; fails when the kernel has no IPVS (see {@link IpvsKernel#absent}). */
    public static IpvsDataPlane open() throws SyscallException {
        return open(ReceiveBuffer.DEFAULT);
    }

    /** ... with the IPVS socket's receive buffer as configured (lvs_netlink_cmd_rcv_bufs). */
    public static IpvsDataPlane open(ReceiveBuffer receiveBuffer) throws SyscallException {
        return new IpvsDataPlane(IpvsKernel.open(receiveBuffer));
    }

    @Override
    public String name() {
        return "ipvs";
    }

    @Override
    public Pool read() throws DataPlaneException {
        try {
            var services = new ArrayList<Service>();
            for (var entry : kernel.services()) {
                var s = entry.service();
                var dests = kernel.dests(s).stream().map(d -> IpvsMapping.destination(d.dest())).toList();
                services.add(Service.of(IpvsMapping.virtualService(s), IpvsMapping.settings(s), dests));
            }
            var t = kernel.timeouts();
            return Pool.of(services).withTimeouts(Optional.of(new Timeouts(t.tcp(), t.tcpFin(), t.udp())));
        } catch (SyscallException e) {
            throw new DataPlaneException("cannot read IPVS: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Failure> apply(List<LvsOp> ops) throws DataPlaneException {
        var requests = ops.stream().map(IpvsDataPlane::request).toList();
        var failures = new ArrayList<Failure>();
        kernel.applyAll(requests, i -> describe(ops.get(i)))
                .forEach((i, e) -> failures.add(new Failure(ops.get(i), e.getMessage())));
        return failures;
    }

    /** The one IPVS request that carries {@code op}. */
    static IpvsRequest request(LvsOp op) {
        return switch (op) {
            case LvsOp.SetTimeouts t -> new IpvsRequest.SetConfig(new IpvsTimeouts(t.timeouts().tcp(), t.timeouts().tcpFin(), t.timeouts().udp()));
            case LvsOp.AddService a -> new IpvsRequest.NewService(IpvsMapping.service(a.service(), a.settings()));
            case LvsOp.EditService e -> new IpvsRequest.SetService(IpvsMapping.service(e.service(), e.settings()));
            case LvsOp.RemoveService r -> new IpvsRequest.DelService(IpvsMapping.key(r.service()));
            case LvsOp.AddDestination a -> new IpvsRequest.NewDest(IpvsMapping.key(a.service()), IpvsMapping.dest(a.destination()));
            case LvsOp.EditDestination e -> new IpvsRequest.SetDest(IpvsMapping.key(e.service()), IpvsMapping.dest(e.destination()));
            case LvsOp.RemoveDestination r -> new IpvsRequest.DelDest(IpvsMapping.key(r.service()), IpvsMapping.destKey(r.server()));
        };
    }

    /** ipvsadm-like words for a log line, e.g. {@code add server 198.51.100.2:80 to TCP 192.0.2.10:80}. */
    static String describe(LvsOp op) {
        return switch (op) {
            case LvsOp.SetTimeouts t -> "IPVS_CMD_SET_CONFIG " + t.timeouts();
            case LvsOp.AddService a -> "IPVS_CMD_NEW_SERVICE " + a.service().display();
            case LvsOp.EditService e -> "IPVS_CMD_SET_SERVICE " + e.service().display();
            case LvsOp.RemoveService r -> "IPVS_CMD_DEL_SERVICE " + r.service().display();
            case LvsOp.AddDestination a -> "IPVS_CMD_NEW_DEST " + a.service().display() + " -> " + IpvsMapping.dest(a.destination()).describe();
            case LvsOp.EditDestination e -> "IPVS_CMD_SET_DEST " + e.service().display() + " -> " + IpvsMapping.dest(e.destination()).describe();
            case LvsOp.RemoveDestination r -> "IPVS_CMD_DEL_DEST " + r.service().display() + " -> " + IpvsMapping.destKey(r.server()).describe();
        };
    }

    @Override
    public void flush() throws DataPlaneException {
        try {
            kernel.apply(new IpvsRequest.Flush(), "IPVS_CMD_FLUSH");
        } catch (SyscallException e) {
            throw new DataPlaneException("cannot flush IPVS: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ServiceStats> stats() throws DataPlaneException {
        try {
            var out = new ArrayList<ServiceStats>();
            for (var entry : kernel.services()) {
                var dests = new ArrayList<ServiceStats.DestinationStats>();
                for (IpvsReply.Dest d : kernel.dests(entry.service())) {
                    var destination = IpvsMapping.destination(d.dest());
                    dests.add(new ServiceStats.DestinationStats(destination.server(), d.dest().weight(),
                            d.activeConnections(), d.inactiveConnections(), counters(d.stats())));
                }
                out.add(new ServiceStats(IpvsMapping.virtualService(entry.service()), counters(entry.stats()), dests));
            }
            return out;
        } catch (SyscallException e) {
            throw new DataPlaneException("cannot read IPVS counters: " + e.getMessage(), e);
        }
    }

    private static ServiceStats.Counters counters(IpvsStats s) {
        return new ServiceStats.Counters(s.connections(), s.inPackets(), s.outPackets(), s.inBytes(), s.outBytes());
    }

    @Override
    public void close() {
        kernel.close();
    }
}
