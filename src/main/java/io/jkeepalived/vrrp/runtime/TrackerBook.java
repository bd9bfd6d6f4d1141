package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import io.jkeepalived.config.model.VrrpSyncGroupSpec;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who tracks what, with which weight: turns one tracker's new status (script OK/failed, interface up/down,
 * track_file value) into the engine's TrackerChanged events for every instance that tracks it, directly
 * or through its sync group. keepalived's rules: weight 0 means failure puts the instance in FAULT; a
 * positive weight is added while the tracker is OK, a negative one while it fails; {@code reverse} flips
 * the sign. A track_file adds value x weight, and FAULTs at weight 0 with a non-zero value or a total of
 * -254 or less.
 */
public final class TrackerBook {
    /** One instance's interest in a tracker. */
    record Interest(String instance, int weight, boolean reverse) {
    }

    private final Map<String, List<Interest>> byTracker = new LinkedHashMap<>();
    private final Set<java.net.InetAddress> sources = new java.util.LinkedHashSet<>();

    static String scriptKey(String name) {
        return "script " + name;
    }

    public static String interfaceKey(String name) {
        return "interface " + name;
    }

    static String fileKey(String name) {
        return "file " + name;
    }

    static String processKey(String name) {
        return "process " + name;
    }

    /** track_src_ip: the instance's configured source address is on the host. */
    static String sourceKey(java.net.InetAddress address) {
        return "source " + io.jkeepalived.common.AddressText.of(address);
    }

    static TrackerBook of(KeepalivedConfig config) {
        var book = new TrackerBook();
        for (VrrpInstanceSpec i : config.vrrpInstances()) {
            book.add(i.name(), i.trackScripts(), i.trackInterfaces(), i.trackFiles(), config);
            book.addProcesses(i.name(), i.trackProcesses(), config);
        }
        for (VrrpSyncGroupSpec g : config.vrrpSyncGroups()) {
            for (String member : g.members()) {
                book.add(member, g.trackScripts(), g.trackInterfaces(), g.trackFiles(), config);
                book.addProcesses(member, g.trackProcesses(), config);
            }
        }
        book.addTrackGroups(config);
        book.addSources(config);
        return book;
    }

    /**
     * keepalived's static_track_group_init: every instance of a static entry's track_group tracks the entry's
     * interface (address: its dev; route: dev; rule: iif) with weight 0, so that interface going down puts the
     * instances in FAULT. An entry with no_track is not tracked.
     */
    private void addTrackGroups(KeepalivedConfig config) {
        var tracked = new ArrayList<Map.Entry<String, String>>();    // group, interface
        config.staticAddresses().stream().filter(a -> !a.noTrack()).forEach(a -> a.trackGroup().ifPresent(g ->
                tracked.add(Map.entry(g, a.dev().orElse(config.globalDefs().defaultInterface())))));
        config.staticRoutes().stream().filter(r -> !r.noTrack()).forEach(r -> r.trackGroup().ifPresent(g ->
                r.dev().ifPresent(dev -> tracked.add(Map.entry(g, dev)))));
        config.staticRules().stream().filter(r -> !r.noTrack()).forEach(r -> r.trackGroup().ifPresent(g ->
                r.iif().ifPresent(iif -> tracked.add(Map.entry(g, iif)))));
        for (var t : tracked) {
            config.trackGroups().stream().filter(g -> g.name().equals(t.getKey())).findFirst().ifPresent(g ->
                    g.instances().forEach(i -> unweighted(interfaceKey(t.getValue()), i)));
        }
    }

    /**
     * track_src_ip: the instance FAULTs while its configured source (unicast_src_ip, mcast_src_ip) is on no interface
     * of the host. keepalived clears the flag of an instance whose source is the interface's own address.
     */
    private void addSources(KeepalivedConfig config) {
        for (VrrpInstanceSpec i : config.vrrpInstances()) {
            if (i.trackSrcIp()) {
                io.jkeepalived.vrrp.plan.VrrpPlan.configuredSource(i).ifPresent(a -> {
                    sources.add(a);
                    unweighted(sourceKey(a), i.name());
                });
            }
        }
    }

    /** The source addresses track_src_ip watches. */
    Set<java.net.InetAddress> sources() {
        return Set.copyOf(sources);
    }

    /** keepalived's add_vrrp_to_interface: one tracking per instance and interface; weight 0 wins. */
    private void unweighted(String tracker, String instance) {
        var list = byTracker.computeIfAbsent(tracker, k -> new ArrayList<>());
        list.removeIf(i -> i.instance().equals(instance));
        list.add(new Interest(instance, 0, false));
    }

    private void add(String instance, List<TrackRef> scripts, List<TrackRef> interfaces, List<TrackRef> files,
                     KeepalivedConfig config) {
        for (TrackRef r : scripts) {
            config.vrrpScript(r.name()).ifPresent(s -> interest(scriptKey(s.name()),
                    new Interest(instance, r.weight().orElse(s.weight()), r.weight().isPresent() ? r.reverse() : s.weightReverse())));
        }
        for (TrackRef r : interfaces) {
            interest(interfaceKey(r.name()), new Interest(instance, r.weight().orElse(0), r.reverse()));
        }
        for (TrackRef r : files) {
            config.trackFiles().stream().filter(f -> f.name().equals(r.name())).findFirst().ifPresent(f -> interest(fileKey(f.name()),
                    new Interest(instance, r.weight().orElse(f.weight()), r.weight().isPresent() ? r.reverse() : f.weightReverse())));
        }
    }

    /** track_process: the weight of the reference, else the vrrp_track_process's own. */
    private void addProcesses(String instance, List<TrackRef> processes, KeepalivedConfig config) {
        for (TrackRef r : processes) {
            config.trackProcesses().stream().filter(p -> p.name().equals(r.name())).findFirst().ifPresent(p -> interest(
                    processKey(p.name()), new Interest(instance, r.weight().orElse(p.weight()),
                            r.weight().isPresent() ? r.reverse() : p.weightReverse())));
        }
    }

    private void interest(String tracker, Interest interest) {
        byTracker.computeIfAbsent(tracker, k -> new ArrayList<>()).add(interest);
    }

    public Set<String> trackers() {
        return byTracker.keySet();
    }

    /** Script or interface: OK / up or not. */
    public List<VrrpEvent.TrackerChanged> status(String tracker, boolean ok, long now) {
        var events = new ArrayList<VrrpEvent.TrackerChanged>();
        for (Interest i : byTracker.getOrDefault(tracker, List.of())) {
            int w = i.reverse() ? -i.weight() : i.weight();
            boolean fault = i.weight() == 0 && !ok;
            int delta = i.weight() == 0 ? 0 : ok ? Math.max(w, 0) : Math.min(w, 0);
            events.add(new VrrpEvent.TrackerChanged(i.instance(), tracker, delta, fault, now));
        }
        return events;
    }

    /** track_file: the file's number. */
    List<VrrpEvent.TrackerChanged> value(String tracker, long value, long now) {
        var events = new ArrayList<VrrpEvent.TrackerChanged>();
        for (Interest i : byTracker.getOrDefault(tracker, List.of())) {
            long total = i.weight() == 0 ? 0 : value * i.weight() * (i.reverse() ? -1 : 1);
            boolean fault = i.weight() == 0 ? value != 0 : total <= -254;
            int delta = (int) Math.max(-254, Math.min(254, total));
            events.add(new VrrpEvent.TrackerChanged(i.instance(), tracker, fault ? 0 : delta, fault, now));
        }
        return events;
    }

    static List<VrrpScriptSpec> usedScripts(KeepalivedConfig config, TrackerBook book) {
        return config.vrrpScripts().stream().filter(s -> book.byTracker.containsKey(scriptKey(s.name()))).toList();
    }

    static List<TrackFileSpec> usedFiles(KeepalivedConfig config, TrackerBook book) {
        return config.trackFiles().stream().filter(f -> book.byTracker.containsKey(fileKey(f.name()))).toList();
    }
}
