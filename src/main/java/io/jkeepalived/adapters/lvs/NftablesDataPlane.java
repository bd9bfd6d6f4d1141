package io.jkeepalived.adapters.lvs;

import io.jkeepalived.linux.Linux;
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
import io.jkeepalived.lvs.nft.NftNames;
import io.jkeepalived.lvs.nft.NftRuleset;
import io.jkeepalived.lvs.nft.NftScheduler;
import io.jkeepalived.lvs.nft.NftState;
import io.jkeepalived.lvs.nft.ProgrammedService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Virtual services as nftables rules, for kernels without IPVS, programmed in process through
 * libnftables: each {@link #apply} is one nftables transaction (all of it or none of it). When a
 * transaction fails, each service's part is tried on its own so one bad service never stops the rest.
 * The ruleset itself is {@link NftRuleset}'s; this class runs it and keeps what it programmed.
 * Opens its libnftables context and netlink socket lazily, on the calling thread (its network namespace).
 */
public final class NftablesDataPlane implements DataPlane {
    private Nftables nft;
    private Rtnetlink rtnl;
    /** What our tables hold, as far as we know: from the last read, plus what applied since. */
    private final Map<VirtualService, ProgrammedService> programmed = new LinkedHashMap<>();
    private final Set<String> ingressDevices = new LinkedHashSet<>();
    private boolean natSkeleton;
    private boolean drSkeleton;
    private Timeouts timeouts = Timeouts.UNCHANGED;
    private Optional<Timeouts> timeoutsSet = Optional.empty();

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
        var state = NftState.parse(list(NftNames.NAT_TABLE), list(NftNames.DR_TABLE));
        programmed.clear();
        programmed.putAll(state.services());
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

    @Override
    public List<Failure> apply(List<LvsOp> ops) throws DataPlaneException {
        var byService = new LinkedHashMap<VirtualService, List<LvsOp>>();
        for (var op : ops) {
            if (op instanceof LvsOp.SetTimeouts t) {
                // conntrack keeps NAT connections with its own timeouts; DR's connection maps take these when created
                timeouts = t.timeouts();
                timeoutsSet = Optional.of(t.timeouts());
                continue;
            }
            byService.computeIfAbsent(op.service(), k -> new ArrayList<>()).add(op);
        }
        if (byService.isEmpty()) {
            return List.of();
        }
        var routes = routes();
        var failures = new ArrayList<Failure>();
        var parts = new ArrayList<Part>();
        for (var e : byService.entrySet()) {
            var old = programmed.get(e.getKey());
            var before = old == null ? Pool.EMPTY : Pool.of(List.of(old.service()));
            var next = Reconciler.applied(before, e.getValue()).services().get(e.getKey());
            var devices = new LinkedHashMap<RealServer, String>();
            if (next != null) {
                for (var d : next.destinations().values()) {
                    if (d.forwarding().method() == Forwarding.Method.DR) {
                        routes.apply(d.server().ip()).ifPresent(dev -> devices.put(d.server(), dev));
                    }
                }
            }
            var change = NftRuleset.change(old, next, devices, timeouts);
            parts.add(new Part(e.getKey(), e.getValue(), change));
        }
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
            sb.append(NftRuleset.natSkeleton());
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
        var rejected = p.change().rejected();
        if (!rejected.isEmpty()) {
            for (var op : p.ops()) {
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
    }

    private void fail(Part p, NftablesException e, List<Failure> failures) {
        // the tables may be gone (nft flush ruleset): the next change brings the fixed part along
        natSkeleton = false;
        drSkeleton = false;
        for (var op : p.ops()) {
            failures.add(new Failure(op, e.getMessage()));
        }
    }

    private java.util.function.Function<String, Optional<String>> routes() throws DataPlaneException {
        try {
            if (rtnl == null) {
                rtnl = Linux.openRtnetlink();
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
