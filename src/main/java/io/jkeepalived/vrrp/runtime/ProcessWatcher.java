package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.Log;
import io.jkeepalived.common.MonotonicClock;
import io.jkeepalived.config.model.TrackProcessSpec;
import io.jkeepalived.linux.EventPoller;
import io.jkeepalived.linux.ProcessEvent;
import io.jkeepalived.linux.ProcessEvents;
import io.jkeepalived.linux.ProcessTable;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import io.jkeepalived.vrrp.plan.ProcessMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * keepalived's track_process: one scan of /proc at start, then the kernel's process events (no polling): exec and
 * comm changes are matched against each vrrp_track_process, a fork of a counted process counts the child, an exit
 * uncounts it. Each tracker's quorum verdict goes to the instances through the TrackerBook (weight, or FAULT at
 * weight 0). After lost events /proc is scanned again. Runs on its own thread.
 */
final class ProcessWatcher implements AutoCloseable, Supervised {
    private final List<TrackProcessSpec> specs;
    private final Map<String, ProcessMatch> matches = new LinkedHashMap<>();
    private final Map<String, ProcessQuorum> quorums = new LinkedHashMap<>();
    private final Map<Integer, Set<String>> counted = new HashMap<>();     // tgid -> trackers counting it
    private final ProcessEvents events;
    private final NetlinkWatchThread watchThread;
    private final TrackerBook book;
    private final Consumer<VrrpEvent> loop;
    private final MonotonicClock clock;
    private final Log log;
    private final boolean readCommandLines;
    /** What the JSON dump shows, published by the monitor thread after each change (read from another thread). */
    private volatile List<State> states = List.of();

    /** One tracker as keepalived's JSON dump (version 2) shows it: matching processes, quorum, delay running. */
    record State(TrackProcessSpec spec, int count, boolean up, boolean gaining, boolean losing) {
    }

    ProcessWatcher(List<TrackProcessSpec> specs, ProcessEvents events, EventPoller poller, TrackerBook book,
                   Consumer<VrrpEvent> loop, MonotonicClock clock, Log log) throws Exception {
        this.specs = List.copyOf(specs);
        this.events = events;
        this.book = book;
        this.loop = loop;
        this.clock = clock;
        this.log = log;
        for (TrackProcessSpec s : specs) {
            matches.put(s.name(), ProcessMatch.of(s));
            quorums.put(s.name(), new ProcessQuorum(s.quorum(), s.quorumMax(), s.forkDelay().toNanos() / 1000,
                    s.terminateDelay().toNanos() / 1000));
        }
        this.readCommandLines = matches.values().stream().anyMatch(ProcessMatch::fullCommand);
        this.watchThread = new NetlinkWatchThread(poller, events.fd(), events::close, "track_process monitor error: ", log);
    }

    /** The monitor thread's death or stall (it is supervised: the run is then restarted). */
    @Override
    public java.util.Optional<io.jkeepalived.common.ThreadWatch.Death> death() {
        return watchThread.death();
    }

    /** Scans /proc, reports every tracker's state (after the engine's Start), then follows the events. */
    void start() throws Exception {
        scan();
        long now = clock.nowMicros();
        for (var e : quorums.entrySet()) {
            int n = (int) counted.values().stream().filter(t -> t.contains(e.getKey())).count();
            boolean up = e.getValue().start(n);
            report(e.getKey(), up, now);
        }
        publish();
        watchThread.startWatched("VRRP-track-process", this::millisToNextDue, this::step);
    }

    private void scan() throws Exception {
        counted.clear();
        for (int pid : ProcessTable.pids()) {
            var trackers = matching(pid);
            if (!trackers.isEmpty()) {
                counted.put(pid, trackers);
            }
        }
    }

    private Set<String> matching(int pid) {
        var found = new java.util.LinkedHashSet<String>();
        ProcessTable.read(pid, readCommandLines).ifPresent(p -> matches.forEach((name, m) -> {
            if (m.matches(p)) {
                found.add(name);
            }
        }));
        return found;
    }

    /** How long the watch may wait: until the next fork/terminate delay falls due, or -1. */
    private int millisToNextDue() {
        long due = quorums.values().stream().mapToLong(ProcessQuorum::dueAt).min().orElse(ProcessQuorum.NEVER);
        long now = clock.nowMicros();
        return due == ProcessQuorum.NEVER ? -1 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, (due - now + 999) / 1000));
    }

    /** One wake-up: the process events, then the delays that fell due. */
    private void step() throws Exception {
        events.drain(this::event);
        long now = clock.nowMicros();
        for (var e : quorums.entrySet()) {
            e.getValue().due(now).ifPresent(up -> report(e.getKey(), up, now));
        }
        publish();
    }

    private void publish() {
        states = specs.stream().map(s -> {
            ProcessQuorum q = quorums.get(s.name());
            boolean pending = q.dueAt() != ProcessQuorum.NEVER;
            return new State(s, q.count(), q.up(), pending && !q.up(), pending && q.up());
        }).toList();
    }

    /** Each tracker's state as last published by the monitor thread. */
    List<State> states() {
        return states;
    }

    private void event(ProcessEvent e) {
        switch (e) {
            case ProcessEvent.Fork f -> {
                Set<String> parent = counted.get(f.parentTgid());
                if (parent != null && f.childPid() == f.childTgid()) {
                    counted.put(f.childTgid(), new java.util.LinkedHashSet<>(parent));
                    parent.forEach(t -> change(t, +1));
                }
            }
            case ProcessEvent.Exec x -> recheck(x.tgid());
            case ProcessEvent.Comm c -> recheck(c.tgid());
            case ProcessEvent.Exit x -> {
                if (x.pid() == x.tgid()) {
                    Set<String> gone = counted.remove(x.tgid());
                    if (gone != null) {
                        gone.forEach(t -> change(t, -1));
                    }
                }
            }
            case ProcessEvent.Overrun o -> rescan();
        }
    }

    /** The process runs something else now: count it where it matches, uncount it where it no longer does. */
    private void recheck(int tgid) {
        Set<String> before = counted.getOrDefault(tgid, Set.of());
        Set<String> after = matching(tgid);
        for (String t : after) {
            if (!before.contains(t)) {
                change(t, +1);
            }
        }
        for (String t : before) {
            if (!after.contains(t)) {
                change(t, -1);
            }
        }
        if (after.isEmpty()) {
            counted.remove(tgid);
        } else {
            counted.put(tgid, after);
        }
    }

    private void rescan() {
        log.warning("track_process: process events were lost - reading /proc again");
        var old = new HashMap<String, Integer>();
        quorums.keySet().forEach(t -> old.put(t, count(t)));
        try {
            scan();
        } catch (Exception ex) {
            log.error("track_process: cannot read /proc: " + ex.getMessage());
            return;
        }
        quorums.keySet().forEach(t -> change(t, count(t) - old.get(t)));
    }

    private int count(String tracker) {
        return (int) counted.values().stream().filter(s -> s.contains(tracker)).count();
    }

    private void change(String tracker, int delta) {
        long now = clock.nowMicros();
        quorums.get(tracker).changed(delta, now).ifPresent(up -> report(tracker, up, now));
    }

    private void report(String tracker, boolean up, long now) {
        log.info("Track process " + tracker + " " + (up ? "now has quorum" : "lost quorum") + " (" + quorums.get(tracker).count()
                + " running)");
        book.status(TrackerBook.processKey(tracker), up, now).forEach(loop);
    }

    static List<TrackProcessSpec> used(List<TrackProcessSpec> all, TrackerBook book) {
        var out = new ArrayList<TrackProcessSpec>();
        for (TrackProcessSpec s : all) {
            if (book.trackers().contains(TrackerBook.processKey(s.name()))) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public void close() {
        watchThread.close();
    }
}
