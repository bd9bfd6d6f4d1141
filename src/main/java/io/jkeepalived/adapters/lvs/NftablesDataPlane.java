package io.jkeepalived.adapters.lvs;

import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.ReceiveBuffer;
import io.jkeepalived.linux.NetfilterNetlink;
import io.jkeepalived.linux.Nftables;
import io.jkeepalived.linux.NftablesException;
import io.jkeepalived.linux.Rtnetlink;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.lvs.DataPlane;
import io.jkeepalived.lvs.DataPlaneException;
import io.jkeepalived.lvs.Forwarding;
import io.jkeepalived.lvs.LvsOp;
import io.jkeepalived.lvs.Pool;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.Reconciler;
import io.jkeepalived.lvs.Scheduling;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceStats;
import io.jkeepalived.lvs.Timeouts;
import io.jkeepalived.lvs.VirtualService;
import io.jkeepalived.lvs.nft.NftBatchCodec;
import io.jkeepalived.lvs.nft.NftMessage;
import io.jkeepalived.lvs.nft.NftNames;
import io.jkeepalived.lvs.nft.NftRuleset;
import io.jkeepalived.lvs.nft.NftScheduler;
import io.jkeepalived.lvs.nft.NftState;
import io.jkeepalived.lvs.nft.NftTimeouts;
import io.jkeepalived.lvs.nft.ProgrammedService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Virtual services as nftables rules, for kernels without IPVS, programmed in process: the skeleton and
 * structural changes (a new service, a new server's chain, other settings) through libnftables; what a check
 * result changes (weights, servers up or down: the elements of a service's slot map and live set, marks, never a
 * rule or a verdict) as one nf_tables netlink batch ({@link NftBatchCodec}), which needs no cache of the table
 * (libnftables 1.0.6 reloads the whole table before each transaction: 136 ms per change at 1,000 services). Each {@link #apply} is one transaction
 * per path (all of it or none of it). When a transaction fails, each service's part is tried on its own so one
 * bad service never stops the rest; an element batch the kernel refuses is written again through libnftables.
 * The ruleset itself is {@link NftRuleset}'s; this class runs it and keeps what it programmed.
 * Opens its libnftables context and netlink socket lazily, on the calling thread (its network namespace).
 */
public final class NftablesDataPlane implements DataPlane {
    private Nftables nft;
    private Rtnetlink rtnl;
    /** lvs_netlink_cmd_rcv_bufs(_force): the route lookup socket is the checker's rtnetlink request socket. */
    private final ReceiveBuffer rtnetlinkBuffer;

    public NftablesDataPlane() {
        this(ReceiveBuffer.DEFAULT);
    }

    private NftablesDataPlane(ReceiveBuffer rtnetlinkBuffer) {
        this.rtnetlinkBuffer = rtnetlinkBuffer;
    }

    /** With its rtnetlink request socket's receive buffer as configured (lvs_netlink_cmd_rcv_bufs). */
    public static NftablesDataPlane withRtnetlinkBuffer(ReceiveBuffer rtnetlinkBuffer) {
        return new NftablesDataPlane(rtnetlinkBuffer);
    }
    private NetfilterNetlink nfnl;
    private boolean nfnlUnavailable;
    private long netlinkBatches;
    /** The kernel's answer to a service's refused element batch, for the failure line if libnftables fails too. */
    private final Map<VirtualService, String> refusedAsElements = new HashMap<>();
    private long libnftablesRuns;
    /** What our tables hold, as far as we know: from the last read, plus what applied since. */
    private final Map<VirtualService, ProgrammedService> programmed = new LinkedHashMap<>();
    private final Set<String> ingressDevices = new LinkedHashSet<>();
    /** Services that did not read back whole (another layout, a map deleted): removed before they are written anew. */
    private final Map<VirtualService, NftState.Leftover> leftovers = new HashMap<>();
    private boolean natSkeleton;
    private boolean drSkeleton;
    private Timeouts timeouts = Timeouts.UNCHANGED;
    private Optional<Timeouts> timeoutsSet = Optional.empty();
    /** The kernel refused conntrack timeout objects: said once, then lvs_timeouts count as set (DR still uses them). */
    private boolean timeoutsUnsupported;

    @Override
    public String name() {
        return "nftables";
    }

    private Nftables nft() throws DataPlaneException {
        if (nft == null) {
            try {
                nft = Linux.openNftables();
            } catch (NftablesException e) {
                throw new DataPlaneException(e.getMessage(), e);
            }
        }
        return nft;
    }

    /** Whether libnftables can be loaded here (for the backend choice). */
    public static Optional<String> unavailable() {
        try (var n = Linux.openNftables()) {
            return Optional.empty();
        } catch (NftablesException | RuntimeException | LinkageError e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public Pool read() throws DataPlaneException {
        var natText = list(NftNames.NAT_TABLE);
        var state = NftState.parse(natText, list(NftNames.DR_TABLE));
        if (!timeoutsUnsupported) {
            // what the kernel holds: after "nft flush ruleset" the next reconcile sets them again
            timeoutsSet = NftTimeouts.parse(natText);
            timeoutsSet.ifPresent(t -> timeouts = t);
        }
        programmed.clear();
        programmed.putAll(state.services());
        leftovers.clear();
        leftovers.putAll(state.leftovers());
        ingressDevices.clear();
        ingressDevices.addAll(state.ingressDevices());
        natSkeleton = state.natTable();
        drSkeleton = state.drTable();
        var services = new ArrayList<Service>();
        for (var ps : programmed.values()) {
            services.add(ps.service());
        }
        return Pool.of(services).withTimeouts(timeoutsSet);
    }

    /** The table as nft lists it, or null when the table is not there. */
    private String list(String table) throws DataPlaneException {
        try {
            return nft().run("list table " + table + "\n");
        } catch (NftablesException e) {
            if (e.getMessage().contains("No such file or directory")) {
                return null;
            }
            throw new DataPlaneException("reading " + table + ": " + e.getMessage(), e);
        }
    }

    private record Part(VirtualService key, List<LvsOp> ops, NftRuleset.Change change) {
    }

    /** A service's change as elements only. */
    private record FastPart(VirtualService key, List<LvsOp> ops, NftRuleset.ElementChange change, List<NftMessage> messages,
                            Service next, Map<RealServer, String> devices) {
    }

    /** How many transactions went to the kernel as nf_tables netlink batches, and through libnftables. */
    public long[] transactions() {
        return new long[] {netlinkBatches, libnftablesRuns};
    }

    @Override
    public List<Failure> apply(List<LvsOp> ops) throws DataPlaneException {
        var byService = new LinkedHashMap<VirtualService, List<LvsOp>>();
        var failures = new ArrayList<Failure>();
        for (var op : ops) {
            if (op instanceof LvsOp.SetTimeouts t) {
                // DR's connection maps take these when created; NAT connections through conntrack timeout objects
                // 0 leaves the value in force (as IPVS_CMD_SET_CONFIG does)
                var was = timeoutsSet.orElse(Timeouts.UNCHANGED);
                var now = t.timeouts();
                timeouts = new Timeouts(now.tcp() > 0 ? now.tcp() : was.tcp(), now.tcpFin() > 0 ? now.tcpFin() : was.tcpFin(),
                        now.udp() > 0 ? now.udp() : was.udp());
                timeoutsSet = Optional.of(timeouts);
                applyTimeouts(t, timeouts, failures);
                continue;
            }
            byService.computeIfAbsent(op.service(), k -> new ArrayList<>()).add(op);
        }
        if (byService.isEmpty()) {
            return failures;
        }
        java.util.function.Function<String, Optional<String>> routes = null; // dumped when a DR server needs it
        var parts = new ArrayList<Part>();
        var fast = new ArrayList<FastPart>();
        for (var e : byService.entrySet()) {
            var old = programmed.get(e.getKey());
            var before = old == null ? Pool.EMPTY : Pool.of(List.of(old.service()));
            var next = Reconciler.applied(before, e.getValue()).services().get(e.getKey());
            var devices = new LinkedHashMap<RealServer, String>();
            if (next != null) {
                for (var d : next.destinations().values()) {
                    if (d.forwarding().method() == Forwarding.Method.DR) {
                        routes = routes != null ? routes : routes();
                        routes.apply(d.server().ip()).ifPresent(dev -> devices.put(d.server(), dev));
                    }
                }
            }
            var elements = netlink() ? NftRuleset.elementChange(old, next, devices) : Optional.<NftRuleset.ElementChange>empty();
            if (elements.isPresent()) {
                fast.add(new FastPart(e.getKey(), e.getValue(), elements.get(), elements.get().messages(), next, devices));
            } else {
                parts.add(new Part(e.getKey(), e.getValue(), whole(e.getKey(), old, next, devices)));
            }
        }
        for (var refused : applyFast(fast, failures)) {
            // refused as elements (a map changed behind our back): written whole instead
            var old = programmed.get(refused.key());
            parts.add(new Part(refused.key(), refused.ops(), whole(refused.key(), old, refused.next(), refused.devices())));
        }
        if (parts.isEmpty()) {
            return failures;
        }
        libnftablesRuns++;
        try {
            nft().run(skeleton(parts) + String.join("", parts.stream().map(p -> p.change().commands()).toList()));
            for (var p : parts) {
                done(p, failures);
            }
        } catch (NftablesException all) {
            if (parts.size() == 1) {
                fail(parts.getFirst(), all, failures);
            } else {
                // one transaction per service: find the one the kernel refuses, keep the rest
                for (var p : parts) {
                    try {
                        nft().run(skeleton(List.of(p)) + p.change().commands());
                        done(p, failures);
                    } catch (NftablesException one) {
                        fail(p, one, failures);
                    }
                }
            }
        }
        return failures;
    }

    /** The service written whole; a new one first clears what an earlier write left of it under its names. */
    private NftRuleset.Change whole(VirtualService key, ProgrammedService old, Service next, Map<RealServer, String> devices) {
        var change = NftRuleset.change(old, next, devices, timeouts);
        var left = old == null && next != null ? leftovers.get(key) : null;
        return left == null ? change : new NftRuleset.Change(NftRuleset.removeLeftover(key, left) + change.commands(), change.result(),
                change.rejected());
    }

    /** lvs_timeouts for NAT: conntrack timeout objects on new connections to our services (one transaction). */
    private void applyTimeouts(LvsOp.SetTimeouts t, Timeouts merged, List<Failure> failures) {
        if (timeoutsUnsupported) {
            return;
        }
        libnftablesRuns++;
        try {
            nft().run(NftRuleset.natSkeleton(merged));
            natSkeleton = true;
        } catch (NftablesException | DataPlaneException e) {
            timeoutsUnsupported = true;
            failures.add(new Failure(t, "lvs_timeouts do not apply to NAT connections, which keep conntrack's own timeouts: this kernel "
                    + "refused conntrack timeout objects (ct timeout, CONFIG_NF_CONNTRACK_TIMEOUT): " + e.getMessage()));
        }
    }

    /** Whether the nf_tables netlink socket can be opened here (else every change goes through libnftables). */
    private boolean netlink() {
        if (nfnl == null && !nfnlUnavailable) {
            try {
                nfnl = Linux.openNetfilterNetlink();
            } catch (SyscallException | RuntimeException e) {
                nfnlUnavailable = true;
            }
        }
        return nfnl != null;
    }

    /**
     * Sends the element changes of every service as one nf_tables batch. When the kernel refuses it, the
     * services it did not refuse go again in a batch of their own; the refused ones are returned (for
     * libnftables), each with the kernel's words kept for the log.
     */
    private List<FastPart> applyFast(List<FastPart> fast, List<Failure> failures) {
        if (fast.isEmpty()) {
            return List.of();
        }
        var refused = new ArrayList<FastPart>();
        var pending = new ArrayList<>(fast);
        for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
            var messages = new ArrayList<NftMessage>();
            var owner = new ArrayList<FastPart>();
            for (var p : pending) {
                messages.addAll(p.messages());
                p.messages().forEach(m -> owner.add(p));
            }
            List<NetfilterNetlink.BatchError> errors;
            netlinkBatches++;
            try {
                errors = nfnl.batch(NftBatchCodec.batch(messages), "nf_tables batch (" + pending.size() + " service(s))");
            } catch (SyscallException e) {
                errors = List.of(new NetfilterNetlink.BatchError(0, e.errno(), e.getMessage()));
            }
            if (errors.isEmpty()) {
                for (var p : pending) {
                    programmed.put(p.key(), p.change().result());
                    rejectedOps(p.ops(), p.change().rejected(), failures);
                }
                return refused;
            }
            var bad = new java.util.LinkedHashSet<FastPart>();
            for (var err : errors) {
                int i = err.index() - 1; // 0 is BATCH_BEGIN
                if (i >= 0 && i < owner.size()) {
                    bad.add(owner.get(i));
                    refusedAsElements.putIfAbsent(owner.get(i).key(), "nf_tables refused " + messages.get(i).describe() + ": " + err.text());
                } else {
                    bad.addAll(pending); // the batch itself: nothing applied
                }
            }
            refused.addAll(bad);
            pending.removeAll(bad);
        }
        refused.addAll(pending);
        return refused;
    }

    private static void rejectedOps(List<LvsOp> ops, Map<RealServer, String> rejected, List<Failure> failures) {
        if (rejected.isEmpty()) {
            return;
        }
        for (var op : ops) {
            var server = switch (op) {
                case LvsOp.AddDestination a -> a.destination().server();
                case LvsOp.EditDestination e -> e.destination().server();
                default -> null;
            };
            if (server != null && rejected.containsKey(server)) {
                failures.add(new Failure(op, rejected.get(server)));
            }
        }
    }

    /** The tables' fixed part, when a change needs a table we have not seen, or a new ingress device. */
    private String skeleton(List<Part> parts) {
        var sb = new StringBuilder();
        boolean nat = false;
        var devices = new LinkedHashSet<String>();
        for (var p : parts) {
            var r = p.change().result();
            if (r == null) {
                continue;
            }
            if (r.mode() == ProgrammedService.Mode.NAT) {
                nat = true;
            } else {
                devices.addAll(r.devices().values());
            }
        }
        if (nat && !natSkeleton) {
            sb.append(NftRuleset.natSkeleton(timeoutsUnsupported ? Timeouts.UNCHANGED : timeouts));
        }
        boolean newDevice = !ingressDevices.containsAll(devices);
        if (!devices.isEmpty() && (!drSkeleton || newDevice)) {
            var all = new LinkedHashSet<>(ingressDevices);
            all.addAll(devices);
            sb.append(NftRuleset.drSkeleton(all));
        }
        // a service that moves table, or a table that is new, needs its skeleton before the service's commands
        return sb.toString();
    }

    private void done(Part p, List<Failure> failures) {
        refusedAsElements.remove(p.key());
        leftovers.remove(p.key());
        var r = p.change().result();
        if (r == null) {
            programmed.remove(p.key());
        } else {
            programmed.put(p.key(), r);
            if (r.mode() == ProgrammedService.Mode.NAT) {
                natSkeleton = true;
            } else if (!r.devices().isEmpty()) {
                drSkeleton = true;
                ingressDevices.addAll(r.devices().values());
            }
        }
        // servers the nftables data plane cannot carry: their ops fail with the reason, the service runs without them
        rejectedOps(p.ops(), p.change().rejected(), failures);
    }

    private void fail(Part p, NftablesException e, List<Failure> failures) {
        // the tables may be gone (nft flush ruleset): the next change brings the fixed part along
        natSkeleton = false;
        drSkeleton = false;
        var asElements = refusedAsElements.remove(p.key());
        for (var op : p.ops()) {
            failures.add(new Failure(op, e.getMessage() + (asElements == null ? "" : " (before that, " + asElements + ")")));
        }
    }

    private java.util.function.Function<String, Optional<String>> routes() throws DataPlaneException {
        try {
            if (rtnl == null) {
                rtnl = Linux.openRtnetlink(rtnetlinkBuffer);
            }
            return new DirectRoutes(rtnl).snapshot();
        } catch (SyscallException e) {
            throw new DataPlaneException("route lookup for DR servers: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() throws DataPlaneException {
        for (var table : List.of(NftNames.NAT_TABLE, NftNames.DR_TABLE)) {
            try {
                nft().run("delete table " + table + "\n");
            } catch (NftablesException e) {
                if (!e.getMessage().contains("No such file or directory")) {
                    throw new DataPlaneException("flushing " + table + ": " + e.getMessage(), e);
                }
            }
        }
        programmed.clear();
        leftovers.clear();
        ingressDevices.clear();
        natSkeleton = false;
        drSkeleton = false;
    }

    @Override
    public List<ServiceStats> stats() throws DataPlaneException {
        return NftState.parse(list(NftNames.NAT_TABLE), list(NftNames.DR_TABLE)).stats();
    }

    @Override
    public List<String> limitations(Service service) {
        var lines = new ArrayList<String>();
        var settings = service.settings();
        NftScheduler.of(settings.scheduling()).approximation().ifPresent(lines::add);
        if (settings.scheduling().has(Scheduling.Flag.ONE_PACKET)) {
            lines.add("ops (one-packet scheduling) is not available: a flow's datagrams stay on one server");
        }
        settings.persistence().flatMap(p -> p.engine()).ifPresent(pe ->
                lines.add("persistence_engine " + pe + " is not available: persistence is by client address only"));
        boolean thresholds = false;
        boolean tunnel = false;
        for (var d : service.destinations().values()) {
            thresholds |= d.upperThreshold() > 0 || d.lowerThreshold() > 0;
            tunnel |= d.forwarding().method() == Forwarding.Method.TUN;
        }
        if (thresholds) {
            lines.add("uthreshold/lthreshold are not enforced (nftables has no live connection counts)");
        }
        if (tunnel) {
            lines.add("ERROR: TUN real servers cannot be programmed with the nftables data plane; they stay out of the pool");
        }
        return lines;
    }

    @Override
    public void close() {
        if (nft != null) {
            nft.close();
            nft = null;
        }
        if (rtnl != null) {
            rtnl.close();
            rtnl = null;
        }
        if (nfnl != null) {
            nfnl.close();
            nfnl = null;
        }
    }

    /** For tests and dumps: the ruleset as nft prints it. */
    public String ruleset() throws DataPlaneException {
        try {
            var sb = new StringBuilder();
            for (var t : List.of(NftNames.NAT_TABLE, NftNames.DR_TABLE)) {
                try {
                    sb.append(nft().run("list table " + t + "\n"));
                } catch (NftablesException e) {
                    // absent
                }
            }
            return sb.toString();
        } catch (RuntimeException e) {
            throw new DataPlaneException(e.getMessage(), e);
        }
    }
}
