package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Forwarding;
import io.jkeepalived.lvs.Persistence;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.Timeouts;
import io.jkeepalived.lvs.VirtualService;
import io.jkeepalived.lvs.nft.ProgrammedService.Mode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes the nft commands for our two tables. Pure: text in, text out; the data plane runs it as one
 * transaction.
 *
 * <pre>
 * table inet jkeepalived                         NAT: DNAT in the nat hooks (conntrack keeps each connection on its server)
 *   map nat4/nat6 { daddr . l4proto . dport : jump SERVICE }   map natmark4/natmark6 { mark : jump SERVICE }
 *   chain prerouting, output                     fixed: one vmap lookup per map
 *   chain SERVICE      ct mark set numgen inc | jhash ... mod M map @SERVICE_slots            (a slot's server)
 *                      [persistence, instead: ct mark set saddr&mask map @SERVICE_p;
 *                       ct mark != @SERVICE_live ct mark set ... map @SERVICE_slots]    (the client's server while it is live)
 *                      ct mark vmap @SERVICE_all
 *   chain SERVICE_rN   [update @SERVICE_p] counter dnat to SERVER
 *   map SERVICE_slots  slot : mark          the only thing a check result changes, with SERVICE_live
 *   set SERVICE_live   mark comment "r=IP,PORT w=W ..."   live servers and their weights (the read-back's source)
 *   map SERVICE_all    mark comment "r=IP,PORT" : jump SERVICE_rN   every server with a chain, live or not
 * table netdev jkeepalived_dr                    DR: fwd at ingress, the IP header untouched (only the MAC changes)
 *   map dr4/dr6        chain in_DEV (ingress of each device facing DR servers)
 *   chain SERVICE      meta mark set saddr . sport map @SERVICE_conn; meta mark vmap @SERVICE_all   (a connection never moves)
 *                      [persistence] selection as above, into meta mark; meta mark vmap @SERVICE_all; meta mark set 0
 *   chain SERVICE_rN   update @SERVICE_conn; [update @SERVICE_p]; counter fwd to SERVER device DEV
 * </pre>
 * A check result (a weight, a server down or back) refills only SERVICE_slots and SERVICE_live, whose data are
 * marks: no rule and no verdict changes, so nf_tables does not re-validate the table on that commit (a verdict
 * element or a rule with a lookup would make it walk every chain: 55-62 ms per change at 1,000 services). The
 * modulus M is fixed per service ({@link Slots#modulus}: the slot count of the weights when the service was
 * last written whole, doubled to at least 128; the read-back takes it from the rule) and the slots are shared by
 * weight over it ({@link Slots#spread}): exact (as IPVS) while the live weights' slot count divides M (the same
 * servers, one of two down, ...), else each server's share within one slot (1/M) of its weight's. The
 * SERVICE_all verdict map is written only with a server's chain (a new server, other settings: the whole
 * service through libnftables, which also chooses M again). Every object name comes from the service key
 * ({@link NftNames}); element comments say what each element is ({@link Descriptors}) so the tables can be read
 * back.
 */
public final class NftRuleset {
    /** Conntrack-less DR stickiness: how long an idle connection keeps its server (IPVS's tcp/udp defaults). */
    static final int DEFAULT_TCP_TIMEOUT = 900;
    static final int DEFAULT_UDP_TIMEOUT = 300;

    private NftRuleset() {
    }

    /** What {@link #change} made: the commands, the service as it will be, and servers it could not carry. */
    public record Change(String commands, ProgrammedService result, Map<RealServer, String> rejected) {
    }

    /** The NAT table's fixed part; {@code add} is idempotent, the base chains are rewritten whole. */
    public static String natSkeleton() {
        return natSkeleton(Timeouts.UNCHANGED);
    }

    /** The NAT table's fixed part with the conntrack timeouts of {@code lvs_timeouts} ({@link NftTimeouts}). */
    public static String natSkeleton(Timeouts timeouts) {
        var t = NftNames.NAT_TABLE;
        var sb = new StringBuilder();
        sb.append("add table ").append(t).append('\n');
        sb.append("add map ").append(t).append(" nat4 { typeof ip daddr . meta l4proto . th dport : verdict; }\n");
        sb.append("add map ").append(t).append(" nat6 { typeof ip6 daddr . meta l4proto . th dport : verdict; }\n");
        sb.append("add map ").append(t).append(" natmark4 { typeof meta mark : verdict; }\n");
        sb.append("add map ").append(t).append(" natmark6 { typeof meta mark : verdict; }\n");
        sb.append("add chain ").append(t).append(" prerouting { type nat hook prerouting priority dstnat; policy accept; }\n");
        sb.append("add chain ").append(t).append(" output { type nat hook output priority -100; policy accept; }\n");
        // the rules go first, then the timeout objects they name can be replaced (one transaction: no packet sees the gap)
        for (var chain : List.of("prerouting", "output")) {
            sb.append("flush chain ").append(t).append(' ').append(chain).append('\n');
        }
        sb.append(NftTimeouts.objects(timeouts));
        for (var chain : List.of("prerouting", "output")) {
            for (var rule : NftTimeouts.rules(timeouts)) {
                sb.append("add rule ").append(t).append(' ').append(chain).append(' ').append(rule).append('\n');
            }
            sb.append("add rule ").append(t).append(' ').append(chain).append(" ip daddr . meta l4proto . th dport vmap @nat4\n");
            sb.append("add rule ").append(t).append(' ').append(chain).append(" ip6 daddr . meta l4proto . th dport vmap @nat6\n");
            sb.append("add rule ").append(t).append(' ').append(chain).append(" meta nfproto ipv4 meta mark vmap @natmark4\n");
            sb.append("add rule ").append(t).append(' ').append(chain).append(" meta nfproto ipv6 meta mark vmap @natmark6\n");
        }
        return sb.toString();
    }

    /** The DR table's fixed part, with an ingress chain on each device that faces DR servers. */
    public static String drSkeleton(Collection<String> devices) {
        var t = NftNames.DR_TABLE;
        var sb = new StringBuilder();
        sb.append("add table ").append(t).append('\n');
        sb.append("add map ").append(t).append(" dr4 { typeof ip daddr . meta l4proto . th dport : verdict; }\n");
        sb.append("add map ").append(t).append(" dr6 { typeof ip6 daddr . meta l4proto . th dport : verdict; }\n");
        for (var dev : devices) {
            var chain = ingressChain(dev);
            sb.append("add chain ").append(t).append(' ').append(chain).append(" { type filter hook ingress device ")
                    .append(quote(dev)).append(" priority -500; policy accept; }\n");
            sb.append("flush chain ").append(t).append(' ').append(chain).append('\n');
            sb.append("add rule ").append(t).append(' ').append(chain).append(" ip daddr . meta l4proto . th dport vmap @dr4\n");
            sb.append("add rule ").append(t).append(' ').append(chain).append(" ip6 daddr . meta l4proto . th dport vmap @dr6\n");
        }
        return sb.toString();
    }

    static String ingressChain(String device) {
        return "in_" + device.replaceAll("[^0-9A-Za-z]", "_");
    }

    /**
     * The commands that turn {@code old} (null: not programmed) into {@code next} (null: remove).
     *
     * @param devices  DR: the device each DR server is reached on (servers missing here are rejected)
     */
    public static Change change(ProgrammedService old, Service next, Map<RealServer, String> devices, Timeouts timeouts) {
        var sb = new StringBuilder();
        if (next == null) {
            if (old != null) {
                delete(sb, old);
            }
            return new Change(sb.toString(), null, Map.of());
        }
        var key = next.key();
        var mode = modeOf(next, old);
        var servers = classify(next, mode, devices);
        var accepted = servers.accepted();
        var rejected = servers.rejected();
        if (old != null && (old.mode() != mode || !old.service().settings().equals(next.settings()))) {
            delete(sb, old);
            old = null;
        }
        var table = NftNames.table(mode);
        var name = NftNames.chain(key);
        var ids = new LinkedHashMap<RealServer, Integer>(old == null ? Map.of() : old.ids());
        var oldDevices = old == null ? Map.<RealServer, String>of() : old.devices();
        var resultDevices = new LinkedHashMap<RealServer, String>();
        if (old == null) {
            create(sb, mode, next, timeouts);
        }
        var persistence = next.settings().persistence();
        for (var d : accepted.values()) {
            var server = d.server();
            Integer id = ids.get(server);
            String device = mode == Mode.DR ? devices.get(server) : null;
            if (device != null) {
                resultDevices.put(server, device);
            }
            if (id == null) {
                id = freeId(ids);
                ids.put(server, id);
                sb.append("add chain ").append(table).append(' ').append(NftNames.destination(key, id)).append('\n');
                sb.append("flush chain ").append(table).append(' ').append(NftNames.destination(key, id)).append('\n');
                destinationRules(sb, mode, key, id, d, device, persistence);
            } else if (mode == Mode.DR && !device.equals(oldDevices.get(server))) {
                sb.append("flush chain ").append(table).append(' ').append(NftNames.destination(key, id)).append('\n');
                destinationRules(sb, mode, key, id, d, device, persistence);
            }
        }
        // DR servers that left keep their chain (retired): their connections stay where they are
        if (mode == Mode.DR) {
            for (var e : ids.entrySet()) {
                if (!accepted.containsKey(e.getKey()) && oldDevices.containsKey(e.getKey())) {
                    resultDevices.put(e.getKey(), oldDevices.get(e.getKey()));
                }
            }
        }
        // NAT servers that left: conntrack keeps their connections, the chain goes (after the all-map lets go of it)
        var leaving = new ArrayList<Integer>();
        if (mode == Mode.NAT) {
            for (var it = ids.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!accepted.containsKey(e.getKey())) {
                    leaving.add(e.getValue());
                    it.remove();
                }
            }
        }
        // the selection, rewritten whole: the modulus is chosen again here (and only here)
        var sched = NftScheduler.of(next.settings().scheduling());
        int modulus = Slots.modulus(slotsOf(sched, accepted.values(), ids).size());
        sb.append("flush chain ").append(table).append(' ').append(name).append('\n');
        String family = key.ipv6() ? "ip6" : "ip";
        String markExpr = mode == Mode.DR ? "meta mark" : "ct mark";
        if (mode == Mode.DR) {
            rule(sb, table, name, markExpr + " set " + connKey(key) + " map @" + name + "_conn");
            rule(sb, table, name, markExpr + " vmap @" + name + "_all");
        }
        var selection = markExpr + " set " + selection(sched, key, modulus) + " map @" + name + "_slots";
        if (persistence.isPresent()) {
            // the client's server when it has one and that server is live, else a slot's
            rule(sb, table, name, markExpr + " set " + persistKey(family, persistence.get()) + " map @" + name + "_p");
            rule(sb, table, name, markExpr + " != @" + name + "_live " + selection);
        } else {
            rule(sb, table, name, selection);
        }
        rule(sb, table, name, markExpr + " vmap @" + name + "_all");
        if (mode == Mode.DR) {
            rule(sb, table, name, "meta mark set 0");
        }
        sb.append("flush map ").append(table).append(' ').append(name).append("_all\n");
        if (!ids.isEmpty()) {
            var elems = new ArrayList<String>();
            for (var e : ids.entrySet()) {
                elems.add(NftNames.mark(e.getValue()) + " comment " + quote(Descriptors.server(e.getKey())) + " : jump "
                        + NftNames.destination(key, e.getValue()));
            }
            elements(sb, table, name + "_all", elems);
        }
        for (int id : leaving) {
            var chain = NftNames.destination(key, id);
            sb.append("flush chain ").append(table).append(' ').append(chain).append('\n');
            sb.append("delete chain ").append(table).append(' ').append(chain).append('\n');
        }
        var result = new ProgrammedService(new Service(key, next.settings(), accepted), mode, ids, resultDevices, modulus);
        for (var m : liveAndSlots(result)) {
            sb.append(text(m));
        }
        return new Change(sb.toString(), result, rejected);
    }

    /**
     * A change a check result makes (weights, servers up or down) to a service whose chains already exist: its
     * slot map and live set refilled, elements whose data is a mark, no rule and no verdict, so it goes to the
     * kernel as one nf_tables batch without libnftables ({@link NftBatchCodec}) and nf_tables does not
     * re-validate the table. Empty when the change needs more (a new service or server, other settings, another
     * device): then {@link #change} writes it.
     */
    public record ElementChange(List<NftMessage> messages, ProgrammedService result, Map<RealServer, String> rejected) {
    }

    public static Optional<ElementChange> elementChange(ProgrammedService old, Service next, Map<RealServer, String> devices) {
        if (old == null || next == null || old.modulus() <= 0) {
            return Optional.empty();
        }
        var mode = modeOf(next, old);
        if (mode != old.mode() || !old.service().settings().equals(next.settings())) {
            return Optional.empty();
        }
        var servers = classify(next, mode, devices);
        var accepted = servers.accepted();
        for (var d : accepted.values()) {
            var id = old.ids().get(d.server());
            if (id == null || mode == Mode.DR && !devices.get(d.server()).equals(old.devices().get(d.server()))) {
                return Optional.empty(); // a server without its chain yet, or reached on another device
            }
        }
        // servers that left keep their chain (NAT too, until the next whole rewrite): coming back is then elements only
        var result = new ProgrammedService(new Service(next.key(), next.settings(), accepted), mode, old.ids(), old.devices(), old.modulus());
        return Optional.of(new ElementChange(liveAndSlots(result), result, servers.rejected()));
    }

    /** The live set (each live server's mark, its descriptor as comment) and the slots, refilled. */
    private static List<NftMessage> liveAndSlots(ProgrammedService ps) {
        var key = ps.service().key();
        var table = NftNames.table(ps.mode());
        var name = NftNames.chain(key);
        var live = ps.service().destinations().values();
        var messages = new ArrayList<NftMessage>();
        messages.add(new NftMessage.FlushSet(table, name + "_live"));
        if (!live.isEmpty()) {
            var elems = new ArrayList<NftMessage.Element>();
            for (var d : live) {
                elems.add(new NftMessage.Element(NftNames.mark(ps.ids().get(d.server())), Optional.of(Descriptors.destination(d)),
                        OptionalInt.empty()));
            }
            messages.add(new NftMessage.AddElements(table, name + "_live", elems));
        }
        var slots = Slots.spread(ps.modulus(), idsOf(live, ps.ids()), weightsOf(NftScheduler.of(ps.service().settings().scheduling()), live));
        messages.add(new NftMessage.FlushSet(table, name + "_slots"));
        if (!slots.isEmpty()) {
            var elems = new ArrayList<NftMessage.Element>(slots.size());
            for (int i = 0; i < slots.size(); i++) {
                elems.add(new NftMessage.Element(i, Optional.empty(), OptionalInt.of(NftNames.mark(slots.get(i)))));
            }
            messages.add(new NftMessage.AddElements(table, name + "_slots", elems));
        }
        return messages;
    }

    /** A message as nft command text (the whole-rewrite path runs it through libnftables). */
    private static String text(NftMessage m) {
        return switch (m) {
            case NftMessage.FlushSet f -> (f.set().endsWith("_live") ? "flush set " : "flush map ") + f.table() + " " + f.set() + "\n";
            case NftMessage.DeleteElements d -> "delete element " + d.table() + " " + d.set() + " { "
                    + String.join(", ", d.keys().stream().map(k -> "0x" + Integer.toHexString(k)).toList()) + " }\n";
            case NftMessage.AddElements a -> {
                var elems = new ArrayList<String>(a.elements().size());
                for (var e : a.elements()) {
                    var sb = new StringBuilder("0x").append(Integer.toHexString(e.key()));
                    e.comment().ifPresent(c -> sb.append(" comment ").append(quote(c)));
                    e.mark().ifPresent(v -> sb.append(" : 0x").append(Integer.toHexString(v)));
                    elems.add(sb.toString());
                }
                var sb = new StringBuilder();
                elements(sb, a.table(), a.set(), elems);
                yield sb.toString();
            }
        };
    }

    /** The ids and weights that share the slots: weights as the scheduler reads them (rr: 1 each, fo: the best). */
    private static List<Integer> slotsOf(NftScheduler sched, Collection<Destination> live, Map<RealServer, Integer> ids) {
        return Slots.of(idsOf(live, ids), weightsOf(sched, live));
    }

    private static List<Integer> idsOf(Collection<Destination> live, Map<RealServer, Integer> ids) {
        return live.stream().map(d -> ids.get(d.server())).toList();
    }

    private static List<Integer> weightsOf(NftScheduler sched, Collection<Destination> live) {
        var weights = live.stream().map(Destination::weight).toList();
        if (sched.selection() == NftScheduler.Selection.FAILOVER) {
            int best = -1;
            for (int i = 0; i < weights.size(); i++) {
                if (weights.get(i) > 0 && (best < 0 || weights.get(i) > weights.get(best))) {
                    best = i;
                }
            }
            var only = new ArrayList<Integer>();
            for (int i = 0; i < weights.size(); i++) {
                only.add(i == best ? 1 : 0);
            }
            return only;
        }
        return sched.weighted() ? weights : weights.stream().map(w -> w > 0 ? 1 : 0).toList();
    }

    private record Servers(Map<RealServer, Destination> accepted, Map<RealServer, String> rejected) {
    }

    /** Which of a service's servers this table can carry, and why not the others. */
    private static Servers classify(Service next, Mode mode, Map<RealServer, String> devices) {
        var key = next.key();
        var rejected = new LinkedHashMap<RealServer, String>();
        var accepted = new LinkedHashMap<RealServer, Destination>();
        for (var d : next.destinations().values()) {
            var method = d.forwarding().method();
            if (method == Forwarding.Method.TUN) {
                rejected.put(d.server(), "TUN forwarding (" + d.forwarding().tunnelType().name().toLowerCase() + ") is not available with "
                        + "the nftables data plane");
            } else if (mode == Mode.NAT && method == Forwarding.Method.DR && key instanceof VirtualService.Fwmark) {
                rejected.put(d.server(), "DR for a fwmark service is not available with the nftables data plane (the mark is set after "
                        + "the ingress hook DR runs in)");
            } else if ((method == Forwarding.Method.DR) != (mode == Mode.DR)) {
                rejected.put(d.server(), "the service mixes NAT and DR servers; the nftables data plane runs it as " + mode);
            } else if (mode == Mode.DR && !devices.containsKey(d.server())) {
                rejected.put(d.server(), "no route to the real server (DR needs it on a directly connected network)");
            } else {
                accepted.put(d.server(), d);
            }
        }
        return new Servers(accepted, rejected);
    }

    private static Mode modeOf(Service next, ProgrammedService old) {
        int dr = 0;
        int nat = 0;
        for (var d : next.destinations().values()) {
            switch (d.forwarding().method()) {
                case DR -> dr++;
                case NAT -> nat++;
                case TUN -> {
                }
            }
        }
        if (next.key() instanceof VirtualService.Fwmark) {
            return Mode.NAT;
        }
        if (dr == 0 && nat == 0) {
            return old != null ? old.mode() : Mode.NAT;
        }
        return dr > nat ? Mode.DR : Mode.NAT;
    }

    private static void create(StringBuilder sb, Mode mode, Service s, Timeouts timeouts) {
        var key = s.key();
        var table = NftNames.table(mode);
        var name = NftNames.chain(key);
        String family = key.ipv6() ? "ip6" : "ip";
        String markType = mode == Mode.DR ? "meta mark" : "ct mark";
        sb.append("add chain ").append(table).append(' ').append(name).append('\n');
        sb.append("add map ").append(table).append(' ').append(name).append("_slots { typeof numgen inc mod 2 : ").append(markType).append("; }\n");
        sb.append("add set ").append(table).append(' ').append(name).append("_live { typeof ").append(markType).append("; }\n");
        sb.append("add map ").append(table).append(' ').append(name).append("_all { typeof ").append(markType).append(" : verdict; }\n");
        if (mode == Mode.DR) {
            boolean udp = key instanceof VirtualService.Address a && a.protocol().equals("udp");
            int idle = udp ? (timeouts.udp() > 0 ? timeouts.udp() : DEFAULT_UDP_TIMEOUT)
                    : (timeouts.tcp() > 0 ? timeouts.tcp() : DEFAULT_TCP_TIMEOUT);
            sb.append("add map ").append(table).append(' ').append(name).append("_conn { typeof ")
                    .append(key.ipv6() ? "numgen inc mod 2" : "ip saddr . th sport")
                    .append(" : meta mark; size 1048576; flags dynamic,timeout; timeout ").append(idle).append("s; }\n");
        }
        s.settings().persistence().ifPresent(p -> sb.append("add map ").append(table).append(' ').append(name)
                .append("_p { typeof ").append(family).append(" saddr : ").append(markType)
                .append("; size 262144; flags dynamic,timeout; timeout ").append(p.timeoutSeconds()).append("s; }\n"));
        sb.append("add element ").append(table).append(' ').append(NftNames.dispatchMap(key, mode)).append(" { ")
                .append(dispatchKey(key)).append(" comment ").append(quote(Descriptors.service(key, s.settings())))
                .append(" : jump ").append(name).append(" }\n");
    }

    /**
     * Removes what is left of a service ({@link NftState.Leftover}): its dispatch element, its chains' rules, its
     * sets, its chains. Goes before {@link #change} writes the service anew, in the same transaction.
     */
    public static String removeLeftover(VirtualService key, NftState.Leftover left) {
        var sb = new StringBuilder();
        var table = left.table();
        sb.append("delete element ").append(table).append(' ').append(left.dispatchMap()).append(" { ").append(dispatchKey(key)).append(" }\n");
        for (var chain : left.chains()) {
            sb.append("flush chain ").append(table).append(' ').append(chain).append('\n');
        }
        for (var set : left.sets()) {
            sb.append("delete set ").append(table).append(' ').append(set).append('\n');
        }
        for (var chain : left.chains()) {
            sb.append("delete chain ").append(table).append(' ').append(chain).append('\n');
        }
        return sb.toString();
    }

    private static void delete(StringBuilder sb, ProgrammedService old) {
        var key = old.service().key();
        var table = NftNames.table(old.mode());
        var name = NftNames.chain(key);
        sb.append("delete element ").append(table).append(' ').append(NftNames.dispatchMap(key, old.mode())).append(" { ")
                .append(dispatchKey(key)).append(" }\n");
        sb.append("flush chain ").append(table).append(' ').append(name).append('\n');
        for (int id : old.ids().values()) {
            sb.append("flush chain ").append(table).append(' ').append(NftNames.destination(key, id)).append('\n');
        }
        sb.append("delete set ").append(table).append(' ').append(name).append("_live\n");
        var maps = new ArrayList<>(List.of("_slots", "_all"));
        if (old.mode() == Mode.DR) {
            maps.add("_conn");
        }
        if (old.service().settings().persistence().isPresent()) {
            maps.add("_p");
        }
        for (var m : maps) {
            sb.append("delete map ").append(table).append(' ').append(name).append(m).append('\n');
        }
        for (int id : old.ids().values()) {
            sb.append("delete chain ").append(table).append(' ').append(NftNames.destination(key, id)).append('\n');
        }
        sb.append("delete chain ").append(table).append(' ').append(name).append('\n');
    }

    private static void destinationRules(StringBuilder sb, Mode mode, VirtualService key, int id, Destination d, String device,
                                         java.util.Optional<Persistence> persistence) {
        var table = NftNames.table(mode);
        var chain = NftNames.destination(key, id);
        var name = NftNames.chain(key);
        String family = key.ipv6() ? "ip6" : "ip";
        int mark = NftNames.mark(id);
        if (mode == Mode.DR) {
            rule(sb, table, chain, "update @" + name + "_conn { " + connKey(key) + " : " + mark + " }");
        }
        persistence.ifPresent(p -> rule(sb, table, chain, "update @" + name + "_p { " + persistKey(family, p) + " : " + mark + " }"));
        var ip = d.server().ip();
        if (mode == Mode.DR) {
            rule(sb, table, chain, "counter fwd " + family + " to " + ip + " device " + quote(device));
            return;
        }
        String target = key.ipv6() ? "[" + ip + "]" : ip;
        int port = d.server().port();
        if (port != 0 && key instanceof VirtualService.Address a) {
            rule(sb, table, chain, "meta l4proto " + a.protocol() + " counter dnat " + family + " to " + target + ":" + port);
        } else {
            rule(sb, table, chain, "counter dnat " + family + " to " + (key.ipv6() ? ip : ip));
        }
    }

    /**
     * The DR connection map's key: client address and port. For IPv6 a 32-bit hash of them: nft 1.0.6
     * aborts (assertion in netlink_gen_expr) on an {@code update} keyed by {@code ip6 saddr . th sport}.
     * Two connections whose hashes collide share a server, which moves nothing.
     */
    static String connKey(VirtualService key) {
        return key.ipv6() ? "jhash ip6 saddr . th sport mod 4294967295 seed 0x6a6b" : "ip saddr . th sport";
    }

    private static String persistKey(String family, Persistence p) {
        int full = family.equals("ip6") ? 128 : 32;
        if (p.prefixLength() >= full) {
            return family + " saddr";
        }
        return family + " saddr & " + mask(p.prefixLength(), full == 128);
    }

    static String mask(int prefix, boolean ipv6) {
        var bytes = new byte[ipv6 ? 16 : 4];
        for (int bit = 0; bit < prefix; bit++) {
            bytes[bit / 8] |= (byte) (0x80 >> (bit % 8));
        }
        try {
            return java.net.InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What picks a slot: {@code numgen inc mod M} or {@code jhash ... mod M seed S} (the seed fixed per service). */
    static String selection(NftScheduler sched, VirtualService key, int modulus) {
        String family = key.ipv6() ? "ip6" : "ip";
        // a fixed seed per service: a restart hashes each client to the same slot
        String seed = " seed 0x" + Integer.toHexString(NftNames.chain(key).hashCode());
        return switch (sched.selection()) {
            case ROUND_ROBIN, FAILOVER -> "numgen inc mod " + modulus;
            case SOURCE_HASH -> "jhash " + family + " saddr" + (sched.hashPort() ? " . th sport" : "") + " mod " + modulus + seed;
            case DESTINATION_HASH -> "jhash " + family + " daddr mod " + modulus + seed;
        };
    }

    private static int freeId(Map<RealServer, Integer> ids) {
        var used = new java.util.HashSet<>(ids.values());
        int id = 1;
        while (used.contains(id)) {
            id++;
        }
        return id;
    }

    static String dispatchKey(VirtualService key) {
        return switch (key) {
            case VirtualService.Address a -> a.ip() + " . " + a.protocol() + " . " + a.port();
            case VirtualService.Fwmark f -> Integer.toUnsignedString(f.mark());
        };
    }

    private static void rule(StringBuilder sb, String table, String chain, String rule) {
        sb.append("add rule ").append(table).append(' ').append(chain).append(' ').append(rule).append('\n');
    }

    private static void elements(StringBuilder sb, String table, String map, List<String> elems) {
        sb.append("add element ").append(table).append(' ').append(map).append(" { ").append(String.join(", ", elems)).append(" }\n");
    }

    static String quote(String s) {
        return "\"" + s.replace("\"", "'") + "\"";
    }
}
