package io.jkeepalived.check.engine;


import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Real-server and virtual-server health state, driven by check results: retry, alpha, inhibit_on_failure,
 * dynamic weights, several checkers per server, quorum with hysteresis, sorry server, omega, ha_suspend.
 * It follows keepalived's ipwrapper.c step for step so the same results give the same log lines, scripts
 * and pool changes. Pure: no clock, no I/O; it answers with {@link Action}s and delays.
 */
public final class CheckEngine {
    /** keepalived waits this long before the first check (BOOTSTRAP_DELAY). */
    public static final long BOOTSTRAP_DELAY_NANOS = 1_000_000_000L;
    static final long WEIGHT_MAX = Integer.MAX_VALUE;

    private final CheckPlan plan;
    private final RandomGenerator random;
    private final List<VsState> virtualServers = new ArrayList<>();
    private final List<CheckerState> checkers = new ArrayList<>();

    public CheckEngine(CheckPlan plan, RandomGenerator random) {
        this.plan = plan;
        this.random = random;
        for (var vsPlan : plan.virtualServers()) {
            var vs = new VsState(vsPlan);
            virtualServers.add(vs);
            for (var rsPlan : vsPlan.realServers()) {
                var rs = new RsState(rsPlan, vs, true);
                vs.realServers.add(rs);
                for (var checkerPlan : rsPlan.checkers()) {
                    var c = new CheckerState(checkers.size(), checkerPlan, rs);
                    checkers.add(c);
                    rs.checkers.add(c);
                }
            }
        }
    }

    /** Where a checker sits: indexes into the plan's virtual servers, their real servers and checkers. */
    public record CheckerRef(int id, int vsIndex, int rsIndex, int checkerIndex, CheckerPlan plan) {
    }

    public int checkerCount() {
        return checkers.size();
    }

    public CheckerRef checker(int id) {
        var c = checkers.get(id);
        var vs = c.rs.vs;
        return new CheckerRef(id, virtualServers.indexOf(vs), vs.realServers.indexOf(c.rs), c.rs.checkers.indexOf(c), c.plan);
    }

    // ---------------------------------------------------------------- start (init_services + register_checkers)

    /**
     * Puts every virtual server and its initially-alive real servers in the pool and activates the checkers.
     * Afterwards {@link #initialDelayNanos(int)} says when each checker first runs.
     */
    public void start(List<Action> out) {
        start(java.util.Set.of(), out);
    }

    /**
     * As {@link #start(List)}, knowing which local addresses exist already (ha_suspend checkers of a
     * virtual server whose address is present start active).
     */
    public void start(java.util.Set<String> localAddresses, List<Action> out) {
        for (var vs : virtualServers) {
            if (vs.migrated) {
                continue; // quorum, ha_suspend count and sorry state came with it
            }
            vs.quorumUp = weighLive(vs) >= vs.plan.quorum() + vs.plan.hysteresis();
            for (var address : vs.plan.haAddresses()) {
                if (localAddresses.contains(address)) {
                    vs.haAddressCount++;
                }
            }
        }
        for (var vs : virtualServers) {
            for (var service : vs.plan.services()) {
                out.add(new Action.AddService(service));
            }
            if (vs.migrated) {
                resume(vs, out);
                continue;
            }
            for (var rs : vs.realServers) {
                if ((rs.numFailed == 0 && !rs.alive) || (rs.plan.inhibitOnFailure() && !rs.set)) {
                    addDest(vs, rs, out);
                    if (rs.numFailed == 0) {
                        rs.setAlive(true);
                        if (plan.rsInitNotifies()) {
                            rsNotifies(vs, rs, false, out);
                        }
                    }
                }
            }
            updateQuorumState(vs, true, out);
            if (vs.sorry != null && vs.sorry.plan.inhibitOnFailure() && !vs.sorry.set) {
                // the sorry server waits in the pool with weight 0
                vs.sorry.numFailed = 1;
                addDest(vs, vs.sorry, out);
                vs.sorry.numFailed = 0;
            }
        }
        for (var c : checkers) {
            if (c.plan.passive()) {
                continue;
            }
            var vs = c.rs.vs;
            c.enabled = !(vs.plan.haSuspend() && vs.haAddressCount == 0);
            if (!c.migrated) {
                out.add(new Action.Log((c.enabled ? "A" : "Dea") + "ctivating healthchecker for service "
                        + c.rs.display + " for VS " + vs.plan.display()));
            }
            long warmup = c.plan.warmup().toNanos();
            c.initialDelay = BOOTSTRAP_DELAY_NANOS + (warmup > 0 ? random.nextLong(warmup + 1) : 0);
        }
    }

    // ---------------------------------------------------------------- reload (migrate_checkers)

    /**
     * Reload: takes over, from the engine of the previous configuration, the state of every virtual server
     * (same name) and real server (same address and port) present in both: up/down, retry counters, dynamic
     * weights, quorum, sorry server, and what is in the pool. Call before {@link #start}; those servers then
     * keep their pool entries (at their new configured weight) and log nothing.
     */
    public void adopt(CheckEngine old) {
        var oldVs = new java.util.HashMap<String, VsState>();
        for (var v : old.virtualServers) {
            oldVs.put(v.plan.display(), v);
        }
        for (var vs : virtualServers) {
            var o = oldVs.get(vs.plan.display());
            if (o == null || !o.plan.services().equals(vs.plan.services())) {
                continue;
            }
            vs.migrated = true;
            vs.quorumUp = o.quorumUp;
            vs.haAddressCount = o.haAddressCount;
            var oldRs = new java.util.HashMap<io.jkeepalived.lvs.RealServer, RsState>();
            for (var r : o.realServers) {
                oldRs.put(r.plan.server(), r);
            }
            for (var rs : vs.realServers) {
                var p = oldRs.get(rs.plan.server());
                if (p != null) {
                    adoptServer(rs, p);
                }
            }
            if (vs.sorry != null && o.sorry != null && vs.sorry.plan.server().equals(o.sorry.plan.server())) {
                vs.sorry.alive = o.sorry.alive;
                vs.sorry.set = o.sorry.set;
                vs.sorry.programmedWeight = o.sorry.programmedWeight;
            }
        }
    }

    private static void adoptServer(RsState rs, RsState p) {
        int failed = 0;
        long dynamic = 0;
        for (int i = 0; i < rs.checkers.size(); i++) {
            var c = rs.checkers.get(i);
            if (i < p.checkers.size() && p.checkers.get(i).plan.words().getClass() == c.plan.words().getClass()) {
                var pc = p.checkers.get(i);
                c.migrated = true;
                c.isUp = pc.isUp;
                c.hasRun = pc.hasRun;
                c.retryIt = pc.retryIt;
                c.curWeight = pc.curWeight;
                c.enabled = pc.enabled;
            }
            if (!c.isUp) {
                failed++;
            }
            dynamic += c.curWeight;
        }
        rs.migrated = true;
        rs.numFailed = failed;
        rs.effectiveWeight = rs.plan.weight() + dynamic;
        rs.setAlive(p.alive);
        rs.set = p.set;
        rs.programmedWeight = p.programmedWeight;
    }

    /** start() for a virtual server that came through a reload: its pool entries as they were, new servers as at start. */
    private void resume(VsState vs, List<Action> out) {
        if (vs.sorry != null && vs.sorry.set) {
            for (var service : vs.plan.services()) {
                out.add(new Action.AddReal(service, vs.sorry.plan.server(), vs.sorry.programmedWeight));
            }
        }
        for (var rs : vs.realServers) {
            if (rs.migrated) {
                if (rs.set) {
                    for (var service : vs.plan.services()) {
                        out.add(new Action.AddReal(service, rs.plan.server(), rs.programmedWeight));
                    }
                    // a new configured weight takes effect in place
                    int weight = realWeight(rs.effectiveWeight);
                    if (rs.alive && rs.programmedWeight != 0 && weight != rs.programmedWeight
                            && (vs.quorumUp || vs.sorry == null || !vs.sorry.alive)) {
                        out.add(new Action.Log("Changing weight from " + rs.programmedWeight + " to " + weight
                                + " for active service " + rs.display + " of VS " + vs.plan.display()));
                        program(vs, rs, weight, false, out);
                    }
                }
                continue;
            }
            if ((rs.numFailed == 0 && !rs.alive) || (rs.plan.inhibitOnFailure() && !rs.set)) {
                if (vs.quorumUp || vs.sorry == null || !vs.sorry.alive) {
                    addDest(vs, rs, out);
                }
                if (rs.numFailed == 0) {
                    rs.setAlive(true);
                }
            }
        }
        updateQuorumState(vs, false, out);
    }

    public CheckerPlan plan(int checkerId) {
        return checkers.get(checkerId).plan;
    }

    public long initialDelayNanos(int checkerId) {
        return checkers.get(checkerId).initialDelay;
    }

    /** False while ha_suspend keeps this checker idle; the loop then only reschedules it. */
    public boolean isEnabled(int checkerId) {
        return checkers.get(checkerId).enabled;
    }

    /** The checker is between a failure and its retry (its next run is delay_before_retry after this one ended). */
    public boolean isRetrying(int checkerId) {
        return checkers.get(checkerId).retryIt > 0;
    }

    // ---------------------------------------------------------------- results (tcp_epilog / misc child / track file)

    /**
     * Applies one check attempt's result and returns the delay until the checker's next attempt.
     */
    public long onResult(int checkerId, CheckResult result, List<Action> out) {
        var c = checkers.get(checkerId);
        var rs = c.rs;
        var vs = rs.vs;
        var words = c.plan.words();
        boolean logAll = plan.checkerLogAllFailures() || c.plan.logAllFailures();
        long delay;
        if (result.ok()) {
            long newCur = result.dynamicWeight().isPresent() ? result.dynamicWeight().getAsInt() - (long) rs.plan.weight() : 0;
            if (newCur != c.curWeight) {
                long effective = rs.effectiveWeight - c.curWeight + newCur;
                c.curWeight = newCur;
                if (c.plan.passive() && !c.isUp) {
                    rs.setEffectiveWeight(effective); // leaving FAULT: the weight comes with the server
                } else {
                    updateWeight(effective, vs, rs, true, out);
                }
            }
            c.retryIt = 0;
            if ((!c.isUp || !c.hasRun) && sweepGoesOn(c)) {
                if (!c.hasRun) {
                    c.retryIt = c.plan.retry(); // keepalived: until the first sweep is over, one failure is down
                }
                return c.plan.delayLoop().toNanos();
            }
            if (!c.isUp || !c.hasRun) {
                log(out, words.success(rs.display, vs.plan.display()));
                boolean checkerWasUp = c.isUp;
                boolean rsWasAlive = rs.alive;
                updateCheckerState(true, c, out);
                if (rs.plan.smtpAlert() && !checkerWasUp && (rsWasAlive != rs.alive || !plan.noCheckerEmails())) {
                    out.add(rsAlert(vs, rs, words.alertSuccess()));
                }
            }
            delay = c.plan.delayLoop().toNanos();
        } else if (c.retryIt < c.plan.retry()) {
            c.sweepLeft = -1;
            c.retryIt++;
            if (logAll && (c.isUp || !c.hasRun)) {
                log(out, words.attemptFailed(rs.display, vs.plan.display(), c.plan.retry(), c.retryIt, result));
            }
            delay = c.plan.delayBeforeRetry().toNanos();
        } else {
            c.retryIt = 0;
            c.sweepLeft = -1;
            if (c.isUp || !c.hasRun) {
                for (var line : words.failed(rs.display, vs.plan.display(), c.plan.retry(), c.hasRun, logAll && c.isUp, result)) {
                    log(out, line);
                }
                rs.setEffectiveWeight(rs.effectiveWeight - c.curWeight);
                c.curWeight = 0;
                boolean checkerWasUp = c.isUp;
                boolean rsWasAlive = rs.alive;
                updateCheckerState(false, c, out);
                if (rs.plan.smtpAlert() && checkerWasUp && (rsWasAlive != rs.alive || !plan.noCheckerEmails())) {
                    out.add(rsAlert(vs, rs, words.alertFailure()));
                }
            }
            delay = c.plan.delayLoop().toNanos();
        }
        c.hasRun = true;
        return delay;
    }

    /**
     * A pass of a checker that is down or has not run: whether it must pass again before it is up (see
     * {@link CheckerPlan#recoverySweep}). The pass that starts the sweep is the failed url's (or, at start, the
     * first url's, which counts as one of the sweep).
     */
    private static boolean sweepGoesOn(CheckerState c) {
        if (c.sweepLeft < 0) {
            c.sweepLeft = c.hasRun ? c.plan.recoverySweep() : Math.max(0, c.plan.recoverySweep() - 1);
        } else {
            c.sweepLeft--;
        }
        if (c.sweepLeft > 0) {
            return true;
        }
        c.sweepLeft = -1;
        return false;
    }

    private Action rsAlert(VsState vs, RsState rs, String body) {
        return new Action.SendAlert("[" + plan.routerId() + "] Realserver " + rs.display + " of virtual server "
                + vs.plan.display() + " - " + (rs.alive ? "UP" : "DOWN"), body);
    }

    /** update_svr_checker_state(). */
    private void updateCheckerState(boolean alive, CheckerState c, List<Action> out) {
        var rs = c.rs;
        if (c.isUp == alive) {
            if (!c.hasRun) {
                if (c.plan.alpha() || !alive) {
                    rsNotifies(rs.vs, rs, false, out);
                }
                c.hasRun = true;
            }
            return;
        }
        c.hasRun = true;
        if (alive) {
            if (rs.numFailed <= 1) {
                performServerState(true, rs, out);
            }
        } else if (rs.numFailed == 0) {
            performServerState(false, rs, out);
        }
        c.isUp = alive;
        if (alive) {
            rs.numFailed--;
        } else {
            rs.numFailed++;
        }
    }

    /** perform_svr_state(): add or remove a server that changed state. */
    private void performServerState(boolean alive, RsState rs, List<Action> out) {
        var vs = rs.vs;
        if (rs.alive == alive) {
            return;
        }
        boolean inhibit = rs.plan.inhibitOnFailure();
        out.add(new Action.Log((alive ? (inhibit ? "Enabl" : "Add") : (inhibit ? "Disabl" : "Remov"))
                + "ing service " + rs.display + " " + (inhibit ? "of" : alive ? "to" : "from") + " VS " + vs.plan.display()));
        if (vs.quorumUp || vs.sorry == null || !vs.sorry.alive) {
            if (alive) {
                addDest(vs, rs, out);
            } else {
                delDest(vs, rs, out);
            }
        }
        rs.setAlive(alive);
        rsNotifies(vs, rs, false, out);
        updateQuorumState(vs, false, out);
    }

    /** update_svr_wgt(). */
    private void updateWeight(long effective, VsState vs, RsState rs, boolean updateQuorum, List<Action> out) {
        int newWeight = realWeight(effective);
        int oldWeight = realWeight(rs.effectiveWeight);
        rs.setEffectiveWeight(effective);
        if (newWeight != oldWeight) {
            out.add(new Action.Log("Changing weight from " + oldWeight + " to " + newWeight + " for "
                    + (rs.alive ? "" : "in") + "active service " + rs.display + " of VS " + vs.plan.display()));
            if (rs.set && rs.alive && (vs.quorumUp || vs.sorry == null || !vs.sorry.alive)) {
                program(vs, rs, newWeight, false, out);
            }
            if (updateQuorum) {
                updateQuorumState(vs, false, out);
            }
        }
    }

    // ---------------------------------------------------------------- quorum (update_quorum_state)

    private void updateQuorumState(VsState vs, boolean init, List<Action> out) {
        long weightSum = weighLive(vs);
        int quorum = vs.plan.quorum();
        int hysteresis = vs.plan.hysteresis();
        long threshold = quorum + (vs.quorumUp ? -1L : 1L) * hysteresis;
        if (!vs.quorumUp && weightSum >= threshold) {
            vs.quorumUp = true;
            out.add(new Action.Log("Gained quorum " + quorum + "+" + hysteresis + "=" + threshold + " <= " + weightSum
                    + " for VS " + vs.plan.display()));
            if (vs.sorry != null && vs.sorry.alive) {
                out.add(new Action.Log((vs.sorry.plan.inhibitOnFailure() ? "Disabling" : "Removing") + " sorry server "
                        + vs.sorry.display + " from VS " + vs.plan.display()));
                delDest(vs, vs.sorry, out);
                vs.sorry.alive = false;
                performQuorumState(vs, true, out);
            }
            vsNotifies(vs, init, threshold, weightSum, false, out);
        } else if ((vs.quorumUp && (weightSum == 0 || weightSum < threshold))
                || (init && !vs.quorumUp && vs.sorry != null && !vs.sorry.alive)) {
            vs.quorumUp = false;
            out.add(new Action.Log((init ? "Starting with quorum down" : "Lost quorum") + " " + quorum + "-" + hysteresis
                    + "=" + threshold + " > " + weightSum + " for VS " + vs.plan.display()));
            if (vs.sorry != null && !vs.sorry.alive) {
                out.add(new Action.Log((vs.sorry.plan.inhibitOnFailure() ? "Enabling" : "Adding") + " sorry server "
                        + vs.sorry.display + " to VS " + vs.plan.display()));
                performQuorumState(vs, false, out);
                addDest(vs, vs.sorry, out);
                vs.sorry.alive = true;
            }
            vsNotifies(vs, init, threshold, weightSum, false, out);
        }
    }

    /** perform_quorum_state(): put the alive servers back (quorum regained) or take them out (sorry server in). */
    private void performQuorumState(VsState vs, boolean add, List<Action> out) {
        out.add(new Action.Log((add ? "Adding alive servers to" : "Removing alive servers from") + " the pool for VS "
                + vs.plan.display()));
        for (var rs : vs.realServers) {
            if (!rs.alive) {
                continue;
            }
            if (add) {
                addDest(vs, rs, out);
            } else {
                delDest(vs, rs, out);
            }
        }
    }

    private static long weighLive(VsState vs) {
        assert vs.liveWeight == recount(vs) : "live weight " + vs.liveWeight + " != " + recount(vs);
        return vs.liveWeight;
    }

    /** The sum the running total stands for; only the tests' assertions pay for it. */
    private static long recount(VsState vs) {
        long sum = 0;
        for (var rs : vs.realServers) {
            if (rs.alive) {
                sum += realWeight(rs.effectiveWeight);
            }
        }
        return sum;
    }

    static int realWeight(long effective) {
        return (int) Math.max(0, Math.min(WEIGHT_MAX, effective));
    }

    // ---------------------------------------------------------------- notifies

    private void rsNotifies(VsState vs, RsState rs, boolean stopping, List<Action> out) {
        var script = rs.alive ? rs.plan.notifyUp() : rs.plan.notifyDown();
        script.ifPresent(cmd -> out.add(new Action.RunScript(cmd, stopping)));
        out.add(new Action.FifoLine("RS " + rs.display + " " + vs.plan.display() + " " + (rs.alive ? "UP" : "DOWN")));
    }

    private void vsNotifies(VsState vs, boolean init, long threshold, long weightSum, boolean stopping, List<Action> out) {
        if (stopping && !vs.plan.omega()) {
            return;
        }
        var script = vs.quorumUp ? vs.plan.quorumUp() : vs.plan.quorumDown();
        script.ifPresent(cmd -> out.add(new Action.RunScript(cmd, stopping)));
        out.add(new Action.FifoLine("VS " + vs.plan.display() + " " + (vs.quorumUp ? "UP" : "DOWN")));
        if (vs.plan.smtpAlert()) {
            String body = stopping ? "=> Shutting down <="
                    : "=> " + (vs.quorumUp ? (init ? "Starting with quorum up" : "Gained quorum")
                            : (init ? "Starting with quorum down" : "Lost quorum"))
                    + " " + vs.plan.quorum() + "+" + vs.plan.hysteresis() + "=" + threshold + " <= " + weightSum + " <=";
            out.add(new Action.SendAlert("[" + plan.routerId() + "] Virtualserver " + vs.plan.display() + " - "
                    + (vs.quorumUp ? "UP" : "DOWN"), body));
        }
    }

    // ---------------------------------------------------------------- data plane (ipvs_cmd's inhibit rules)

    private void addDest(VsState vs, RsState rs, List<Action> out) {
        int weight = realWeight(rs.effectiveWeight);
        boolean inhibit = rs.plan.inhibitOnFailure();
        if (rs.set) {
            program(vs, rs, weight, false, out);
            return;
        }
        rs.set = true;
        if (inhibit && rs.numFailed > 0) {
            weight = 0;
        }
        program(vs, rs, weight, true, out);
    }

    /** The pool change for one server in every service of its virtual server; remembers the weight for reloads. */
    private static void program(VsState vs, RsState rs, int weight, boolean add, List<Action> out) {
        rs.programmedWeight = weight;
        for (var service : vs.plan.services()) {
            out.add(add ? new Action.AddReal(service, rs.plan.server(), weight) : new Action.UpdateReal(service, rs.plan.server(), weight));
        }
    }

    private void delDest(VsState vs, RsState rs, List<Action> out) {
        if (!rs.set) {
            return;
        }
        if (rs.plan.inhibitOnFailure()) {
            program(vs, rs, 0, false, out);
            return;
        }
        forceRemove(vs, rs, out);
    }

    private static void forceRemove(VsState vs, RsState rs, List<Action> out) {
        rs.set = false;
        for (var service : vs.plan.services()) {
            out.add(new Action.RemoveReal(service, rs.plan.server()));
        }
    }

    // ---------------------------------------------------------------- ha_suspend (update_checker_activity)

    /** A local address appeared or went away; checkers of ha_suspend virtual servers on it follow. */
    public void onAddressChange(String address, boolean present, List<Action> out) {
        for (var vs : virtualServers) {
            if (!vs.plan.haSuspend() || !vs.plan.haAddresses().contains(address)) {
                continue;
            }
            vs.haAddressCount += present ? 1 : -1;
            for (var rs : vs.realServers) {
                for (var c : rs.checkers) {
                    if (c.plan.passive()) {
                        continue;
                    }
                    if (present != c.enabled && (present || vs.haAddressCount == 0)) {
                        out.add(new Action.Log((!c.enabled ? "Activat" : "Suspend") + "ing healthchecker for service "
                                + rs.display + " for VS " + vs.plan.display()));
                        c.enabled = present;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- stop (clear_services, no lvs_flush_on_stop)

    /** Takes everything out of the pool; with omega, runs notify_down and quorum_down as keepalived does. */
    public void stop(List<Action> out) {
        for (var vs : virtualServers) {
            if (vs.sorry != null && vs.sorry.set) {
                forceRemove(vs, vs.sorry, out);
                vs.sorry.alive = false;
            }
            for (var rs : vs.realServers) {
                out.add(new Action.Log("Shutting down " + (rs.plan.inhibitOnFailure() && !rs.alive ? "(inhibited) " : "")
                        + "service " + rs.display + " from VS " + vs.plan.display()));
                if (!rs.set) {
                    continue;
                }
                forceRemove(vs, rs, out);
                if (!rs.alive) {
                    continue;
                }
                rs.setAlive(false);
                if (!vs.plan.omega()) {
                    continue;
                }
                rsNotifies(vs, rs, true, out);
                if (rs.plan.smtpAlert()) {
                    out.add(new Action.SendAlert("[" + plan.routerId() + "] Realserver " + rs.display + " of virtual server "
                            + vs.plan.display() + " - DOWN", "=> Shutting down <="));
                }
            }
            long threshold = vs.plan.quorum() - vs.plan.hysteresis();
            vs.quorumUp = false;
            vsNotifies(vs, false, threshold, weighLive(vs), true, out);
            for (var service : vs.plan.services()) {
                out.add(new Action.RemoveService(service));
            }
        }
    }

    // ---------------------------------------------------------------- read-only views for status and tests

    public record RealServerStatus(String display, boolean alive, boolean inPool, int weight, int failedCheckers) {
    }

    public record VirtualServerStatus(String display, boolean quorumUp, boolean sorryServerActive,
                                      List<RealServerStatus> realServers) {
    }

    public List<VirtualServerStatus> status() {
        var all = new ArrayList<VirtualServerStatus>();
        for (var vs : virtualServers) {
            var servers = new ArrayList<RealServerStatus>();
            for (var rs : vs.realServers) {
                servers.add(new RealServerStatus(rs.display, rs.alive, rs.set, realWeight(rs.effectiveWeight), rs.numFailed));
            }
            all.add(new VirtualServerStatus(vs.plan.display(), vs.quorumUp, vs.sorry != null && vs.sorry.alive, servers));
        }
        return all;
    }

    private static void log(List<Action> out, String line) {
        if (line != null && !line.isEmpty()) {
            out.add(new Action.Log(line));
        }
    }

    // ---------------------------------------------------------------- state

    private static final class VsState {
        final VirtualServerPlan plan;
        final List<RsState> realServers = new ArrayList<>();
        final RsState sorry;
        boolean quorumUp;
        int haAddressCount;
        /** Came through a reload with its state. */
        boolean migrated;
        /** Sum of the weights of the alive real servers, kept as they change: 10,000 servers coming up must not
         *  mean 10,000 sums of 10,000 (keepalived's update_quorum_state adds them up each time). */
        long liveWeight;

        VsState(VirtualServerPlan plan) {
            this.plan = plan;
            this.sorry = plan.sorryServer().map(s -> new RsState(s, this, false)).orElse(null);
        }
    }

    private static final class RsState {
        final RealServerPlan plan;
        final VsState vs;
        final String display;
        final List<CheckerState> checkers = new ArrayList<>();
        /** A pool member (counts towards quorum); false for the sorry server. */
        final boolean member;
        long effectiveWeight;
        boolean alive;
        boolean set;
        int numFailed;
        /** The weight last put in the pool (for a reload to put back exactly that). */
        int programmedWeight;
        boolean migrated;

        void setAlive(boolean now) {
            if (now != alive && member) {
                vs.liveWeight += (now ? 1 : -1) * (long) realWeight(effectiveWeight);
            }
            alive = now;
        }

        void setEffectiveWeight(long now) {
            if (alive && member) {
                vs.liveWeight += realWeight(now) - (long) realWeight(effectiveWeight);
            }
            effectiveWeight = now;
        }

        RsState(RealServerPlan plan, VsState vs, boolean member) {
            this.plan = plan;
            this.vs = vs;
            this.member = member;
            this.display = plan.server().display(vs.plan.protocol());
            this.effectiveWeight = plan.weight();
            // alpha checkers start down: the server joins the pool on their first success
            for (var c : plan.checkers()) {
                if (c.alpha()) {
                    numFailed++;
                }
            }
        }
    }

    private static final class CheckerState {
        final int id;
        final CheckerPlan plan;
        final RsState rs;
        boolean isUp;
        boolean hasRun;
        boolean enabled = true;
        int retryIt;
        /** Passes still needed in a recovery sweep; -1: none under way. */
        int sweepLeft = -1;
        long curWeight;
        long initialDelay;
        boolean migrated;

        CheckerState(int id, CheckerPlan plan, RsState rs) {
            this.id = id;
            this.plan = plan;
            this.rs = rs;
            this.isUp = !plan.alpha();
            // before the first result one failure is enough (keepalived check_data.c)
            this.retryIt = plan.retry();
        }
    }
}
