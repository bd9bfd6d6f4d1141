package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceStats;
import io.jkeepalived.lvs.VirtualService;
import io.jkeepalived.lvs.nft.ProgrammedService.Mode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What our tables hold, read back from nft's listing ({@code list table inet jkeepalived}, {@code list table
 * netdev jkeepalived_dr}): the services (from the dispatch maps' element comments), their live servers and
 * weights (from the live sets' comments), retired servers (from the all-maps), each selection rule's modulus,
 * ingress devices and each server chain's counter. A service whose chain, maps or selection rule are gone is
 * not there: the reconciler puts it back.
 */
public record NftState(Map<VirtualService, ProgrammedService> services, Map<String, long[]> counters, Set<String> ingressDevices,
                       boolean natTable, boolean drTable, Map<VirtualService, Leftover> leftovers) {

    public static final NftState EMPTY = new NftState(Map.of(), Map.of(), Set.of(), false, false, Map.of());

    /**
     * What is left of a service that does not read back whole (an earlier layout's maps, a map deleted by
     * hand): its dispatch element, chains and sets, which a new write of the service must remove first (a map
     * of another type under the same name makes {@code add map} fail with "File exists").
     */
    public record Leftover(String table, String dispatchMap, List<String> chains, List<String> sets) {
        public Leftover {
            chains = List.copyOf(chains);
            sets = List.copyOf(sets);
        }
    }

    /**
     * @param natText / drText  nft's listing of each table ({@code list table ...}), or null when the table
     *                          does not exist. Text, not JSON: nft 1.0's JSON writer has no form for the
     *                          {@code update @map} statements our chains use and says so on stderr each time.
     */
    public static NftState parse(String natText, String drText) {
        var services = new LinkedHashMap<VirtualService, ProgrammedService>();
        var counters = new HashMap<String, long[]>();
        var devices = new HashSet<String>();
        var leftovers = new LinkedHashMap<VirtualService, Leftover>();
        if (natText != null) {
            read(natText, Mode.NAT, services, counters, devices, leftovers);
        }
        if (drText != null) {
            read(drText, Mode.DR, services, counters, devices, leftovers);
        }
        return new NftState(services, counters, devices, natText != null, drText != null, leftovers);
    }

    /** The counters of a destination chain: {packets, bytes}, or null. */
    public long[] counter(VirtualService key, int id) {
        return counters.get(NftNames.destination(key, id));
    }

    /** An element with a comment: its key as nft printed it, the comment, the chain it jumps to (null: a set's). */
    record Element(String key, String comment, String target) {
    }

    private static final Pattern OBJECT = Pattern.compile("^\\t(map|chain|set|counter) (\\S+) \\{", Pattern.MULTILINE);
    private static final Pattern ELEMENT = Pattern.compile("([^{},]+?)\\s+comment\\s+\"([^\"]*)\"(?:\\s*:\\s*jump\\s+([A-Za-z0-9_./-]+))?");
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+) bytes (\\d+)");
    private static final Pattern FWD = Pattern.compile("fwd ip6? to \\S+ device \"([^\"]+)\"");
    private static final Pattern INGRESS = Pattern.compile("hook ingress device \"([^\"]+)\"");

    private static void read(String text, Mode mode, Map<VirtualService, ProgrammedService> services, Map<String, long[]> counters,
                             Set<String> devices, Map<VirtualService, Leftover> leftovers) {
        var maps = new HashMap<String, List<Element>>();
        var setNames = new ArrayList<String>();
        var chains = new HashSet<String>();
        var fwdDevices = new HashMap<String, String>();
        var bodies = new HashMap<String, String>();
        var m = OBJECT.matcher(text);
        var starts = new ArrayList<int[]>();
        var kinds = new ArrayList<String>();
        var names = new ArrayList<String>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
            kinds.add(m.group(1));
            names.add(m.group(2));
        }
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i)[1];
            int to = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            var body = text.substring(from, to);
            var name = names.get(i);
            switch (kinds.get(i)) {
                case "map", "set" -> {
                    setNames.add(name);
                    var elems = new ArrayList<Element>();
                    var e = ELEMENT.matcher(body);
                    while (e.find()) {
                        elems.add(new Element(e.group(1).trim(), e.group(2), e.group(3)));
                    }
                    maps.put(name, elems);
                }
                case "chain" -> {
                    chains.add(name);
                    bodies.put(name, body);
                    var c = COUNTER.matcher(body);
                    if (c.find()) {
                        counters.put(name, new long[] {Long.parseLong(c.group(1)), Long.parseLong(c.group(2))});
                    }
                    var f = FWD.matcher(body);
                    if (f.find()) {
                        fwdDevices.put(name, f.group(1));
                    }
                    var in = INGRESS.matcher(body);
                    if (in.find()) {
                        devices.add(in.group(1));
                    }
                }
                default -> {
                }
            }
        }
        var dispatch = mode == Mode.DR ? List.of("dr4", "dr6") : List.of("nat4", "nat6", "natmark4", "natmark6");
        for (var mapName : dispatch) {
            for (var elem : maps.getOrDefault(mapName, List.of())) {
                var svc = Descriptors.parseService(elem.comment()).orElse(null);
                if (svc == null) {
                    continue;
                }
                var name = NftNames.chain(svc.key());
                var modulus = modulus(bodies.get(name), name + "_slots");
                if (modulus <= 0 || !maps.containsKey(name + "_live") || !maps.containsKey(name + "_all") || !name.equals(elem.target())) {
                    // half a service: the reconciler puts it back whole, after what is left of it is gone
                    var ownChains = chains.stream().filter(c -> c.equals(name) || c.matches(Pattern.quote(name) + "_r\\d+")).sorted().toList();
                    var ownSets = setNames.stream().filter(n -> n.matches(Pattern.quote(name) + "_(slots|ids|live|all|conn|p)")).toList();
                    leftovers.put(svc.key(), new Leftover(NftNames.table(mode), mapName, ownChains, ownSets));
                    continue;
                }
                var ids = new LinkedHashMap<RealServer, Integer>();
                var live = new LinkedHashMap<RealServer, io.jkeepalived.lvs.Destination>();
                for (var e : maps.get(name + "_live")) {
                    var d = Descriptors.parseDestination(e.comment()).orElse(null);
                    int id = NftNames.idOfMark(number(e.key()));
                    if (d == null || !chains.contains(NftNames.destination(svc.key(), id))) {
                        continue;
                    }
                    ids.put(d.server(), id);
                    live.put(d.server(), d);
                }
                for (var e : maps.get(name + "_all")) {
                    var server = Descriptors.parseServer(e.comment()).orElse(null);
                    int id = NftNames.idOfMark(number(e.key()));
                    if (server != null && !ids.containsKey(server) && !ids.containsValue(id) && chains.contains(e.target())) {
                        ids.put(server, id); // retired: keeps its number and chain
                    }
                }
                var devs = new LinkedHashMap<RealServer, String>();
                if (mode == Mode.DR) {
                    for (var e : ids.entrySet()) {
                        var dev = fwdDevices.get(NftNames.destination(svc.key(), e.getValue()));
                        if (dev != null) {
                            devs.put(e.getKey(), dev);
                        }
                    }
                }
                services.put(svc.key(), new ProgrammedService(new Service(svc.key(), svc.settings(), live), mode, ids, devs, modulus));
            }
        }
    }

    /** The modulus of the rule that fills {@code slots} in a service chain's listing; 0 when there is none. */
    private static int modulus(String chainBody, String slots) {
        if (chainBody == null) {
            return 0;
        }
        var m = Pattern.compile("mod (\\d+)[^\n]* map @" + Pattern.quote(slots) + "\\b").matcher(chainBody);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static long number(String text) {
        var t = text.trim();
        return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
    }

    /** Per-server counters as the port reports them (nftables counts packets into a chain; no active/inactive split). */
    public List<ServiceStats> stats() {
        var out = new ArrayList<ServiceStats>();
        for (var ps : services.values()) {
            var key = ps.service().key();
            long conns = 0;
            long pk = 0;
            long by = 0;
            var dests = new ArrayList<ServiceStats.DestinationStats>();
            for (var d : ps.service().destinations().values()) {
                var c = counter(key, ps.ids().get(d.server()));
                long packets = c == null ? 0 : c[0];
                long bytes = c == null ? 0 : c[1];
                // NAT chains see the first packet of each connection only (conntrack does the rest)
                var counters = ps.mode() == Mode.NAT ? new ServiceStats.Counters(packets, -1, -1, -1, -1)
                        : new ServiceStats.Counters(-1, packets, -1, bytes, -1);
                conns += ps.mode() == Mode.NAT ? packets : 0;
                pk += packets;
                by += bytes;
                dests.add(new ServiceStats.DestinationStats(d.server(), d.weight(), -1, -1, counters));
            }
            var totals = ps.mode() == Mode.NAT ? new ServiceStats.Counters(conns, -1, -1, -1, -1)
                    : new ServiceStats.Counters(-1, pk, -1, by, -1);
            out.add(new ServiceStats(key, totals, dests));
        }
        return out;
    }
}
