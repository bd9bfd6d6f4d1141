package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.codec.VrrpPacket;
import java.util.ArrayList;
import java.util.List;

/** One engine on a simulated clock: delivers TimerDue exactly at the deadlines the engine asks for. */
final class EngineHarness {
    final VrrpEngine engine;
    final List<Timed> actions = new ArrayList<>();
    long now;
    long deadline = Long.MAX_VALUE;

    record Timed(long at, VrrpAction action) {
    }

    EngineHarness(List<InstanceParams> instances, List<SyncGroupParams> groups) {
        engine = new VrrpEngine(instances, groups, true);
    }

    EngineHarness(InstanceParams... instances) {
        this(List.of(instances), List.of());
    }

    List<VrrpAction> handle(VrrpEvent e) {
        now = e.now();
        List<VrrpAction> result = List.copyOf(engine.handle(e));
        for (VrrpAction a : result) {
            if (a instanceof VrrpAction.ScheduleAt s) {
                deadline = s.deadline();
            } else {
                actions.add(new Timed(now, a));
            }
        }
        return result;
    }

    List<VrrpAction> start(long at) {
        return handle(new VrrpEvent.Start(at));
    }

    /** Runs timers up to and including {@code until}; returns the actions produced. */
    List<VrrpAction> runUntil(long until) {
        List<VrrpAction> all = new ArrayList<>();
        while (deadline <= until) {
            all.addAll(handle(new VrrpEvent.TimerDue(deadline)));
        }
        now = Math.max(now, until);
        return all;
    }

    List<VrrpAction> receive(long at, VrrpPacket p) {
        List<VrrpAction> before = runUntil(at - 1);
        List<VrrpAction> r = new ArrayList<>(before);
        r.addAll(handle(new VrrpEvent.AdvertReceived("eth0", p, at)));
        return r;
    }

    List<String> logs() {
        return actions.stream().filter(t -> t.action() instanceof VrrpAction.Log).map(t -> ((VrrpAction.Log) t.action()).line()).toList();
    }

    static List<String> logs(List<VrrpAction> actions) {
        return actions.stream().filter(a -> a instanceof VrrpAction.Log).map(a -> ((VrrpAction.Log) a).line()).toList();
    }

    static <T extends VrrpAction> List<T> only(List<VrrpAction> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The time of the first action of this type and instance (or -1). */
    long firstAt(Class<? extends VrrpAction> type) {
        return actions.stream().filter(t -> type.isInstance(t.action())).mapToLong(Timed::at).findFirst().orElse(-1);
    }
}
