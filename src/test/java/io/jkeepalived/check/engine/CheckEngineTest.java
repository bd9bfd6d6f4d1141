package io.jkeepalived.check.engine;

import io.jkeepalived.config.model.ScriptSpec;

import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.VirtualService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class CheckEngineTest {
    static final VirtualService VS = new VirtualService.Address("192.0.2.100", 80, "tcp");
    static final String VSD = "[192.0.2.100]:tcp:80";

    static CheckerPlan tcp(int retry, boolean alpha) {
        return new CheckerPlan(new TcpWords(), Duration.ofSeconds(1), Duration.ofSeconds(2), retry, Duration.ZERO,
                alpha, false, Duration.ofSeconds(3), false);
    }

    static RealServerPlan rs(int last, int weight, boolean inhibit, CheckerPlan... checkers) {
        return new RealServerPlan(new RealServer("192.0.2." + last, 80), weight, inhibit,
                Optional.of(ScriptSpec.of(List.of("/up.sh", "192.0.2." + last))), Optional.of(ScriptSpec.of(List.of("/down.sh"))), false, List.of(checkers));
    }

    static VirtualServerPlan vs(int quorum, int hysteresis, Optional<RealServerPlan> sorry, boolean omega, RealServerPlan... servers) {
        return new VirtualServerPlan(VSD, "tcp", List.of(VS), quorum, hysteresis, Optional.of(ScriptSpec.of(List.of("/qup.sh"))),
                Optional.of(ScriptSpec.of(List.of("/qdown.sh"))), omega, false, Set.of(), false, sorry, List.of(servers));
    }

    static CheckEngine engine(VirtualServerPlan... vss) {
        return new CheckEngine(new CheckPlan(List.of(vss), "lb1", false, false, false), new Random(1));
    }

    static List<String> logs(List<Action> actions) {
        return actions.stream().filter(a -> a instanceof Action.Log).map(a -> ((Action.Log) a).line()).toList();
    }

    static final CheckResult OK = CheckResult.success();
    static final CheckResult REFUSED = CheckResult.failure("connection refused");

    @Test
    void nonAlphaServerStartsInPoolAndLeavesOnFailure() {
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, tcp(0, false))));
        var out = new ArrayList<Action>();
        e.start(out);
        assertTrue(out.contains(new Action.AddService(VS)));
        assertTrue(out.contains(new Action.AddReal(VS, new RealServer("192.0.2.11", 80), 1)));
        // keepalived computes the quorum before the servers are alive, so it is "gained" at startup
        assertEquals(List.of("Gained quorum 1+0=1 <= 1 for VS " + VSD,
                "Activating healthchecker for service [192.0.2.11]:tcp:80 for VS " + VSD), logs(out));

        out.clear();
        assertEquals(1_000_000_000L, e.onResult(0, OK, out));
        assertEquals(List.of("TCP connection to [192.0.2.11]:tcp:80 success."), logs(out), "first success is logged once");
        out.clear();
        e.onResult(0, OK, out);
        assertEquals(List.of(), out);

        e.onResult(0, REFUSED, out);
        assertEquals(List.of("TCP_CHECK on service [192.0.2.11]:tcp:80 failed.",
                "Removing service [192.0.2.11]:tcp:80 from VS " + VSD,
                "Lost quorum 1-0=1 > 0 for VS " + VSD), logs(out));
        assertTrue(out.contains(new Action.RemoveReal(VS, new RealServer("192.0.2.11", 80))));
        assertTrue(out.contains(new Action.RunScript(List.of("/down.sh"), false)));
        assertTrue(out.contains(new Action.RunScript(List.of("/qdown.sh"), false)));
        assertTrue(out.contains(new Action.FifoLine("RS [192.0.2.11]:tcp:80 " + VSD + " DOWN")));

        out.clear();
        e.onResult(0, OK, out);
        assertEquals(List.of("TCP connection to [192.0.2.11]:tcp:80 success.",
                "Adding service [192.0.2.11]:tcp:80 to VS " + VSD,
                "Gained quorum 1+0=1 <= 1 for VS " + VSD), logs(out));
        assertTrue(out.contains(new Action.AddReal(VS, new RealServer("192.0.2.11", 80), 1)));
        assertTrue(out.contains(new Action.RunScript(List.of("/up.sh", "192.0.2.11"), false)));
    }

    @Test
    void retriesBeforeGoingDownAndSaysHowMany() {
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, tcp(2, false))));
        var out = new ArrayList<Action>();
        e.start(out);
        e.onResult(0, OK, out);
        out.clear();
        assertEquals(2_000_000_000L, e.onResult(0, REFUSED, out), "delay_before_retry");
        assertTrue(e.isRetrying(0));
        assertEquals(2_000_000_000L, e.onResult(0, REFUSED, out));
        assertEquals(List.of(), out, "no transition while retrying");
        assertEquals(1_000_000_000L, e.onResult(0, REFUSED, out));
        assertEquals("TCP_CHECK on service [192.0.2.11]:tcp:80 failed after 2 retries.", logs(out).getFirst());
    }

    @Test
    void firstFailureIsEnoughAtStartup() {
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, tcp(3, false))));
        var out = new ArrayList<Action>();
        e.start(out);
        out.clear();
        e.onResult(0, REFUSED, out);
        assertEquals("TCP_CHECK on service [192.0.2.11]:tcp:80 failed.", logs(out).getFirst());
        assertFalse(e.status().getFirst().realServers().getFirst().alive());
    }

    @Test
    void alphaServerJoinsOnlyAfterSuccess() {
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, tcp(1, true))));
        var out = new ArrayList<Action>();
        e.start(out);
        assertFalse(out.stream().anyMatch(a -> a instanceof Action.AddReal));
        out.clear();
        e.onResult(0, OK, out);
        assertEquals(List.of("TCP connection to [192.0.2.11]:tcp:80 success.",
                "Adding service [192.0.2.11]:tcp:80 to VS " + VSD,
                "Gained quorum 1+0=1 <= 1 for VS " + VSD), logs(out));
    }

    @Test
    void inhibitOnFailureKeepsServerWithWeightZero() {
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 3, true, tcp(0, false)), rs(12, 1, false, tcp(0, false))));
        var out = new ArrayList<Action>();
        e.start(out);
        e.onResult(0, OK, out);
        out.clear();
        e.onResult(0, REFUSED, out);
        assertTrue(logs(out).contains("Disabling service [192.0.2.11]:tcp:80 of VS " + VSD));
        assertTrue(out.contains(new Action.UpdateReal(VS, new RealServer("192.0.2.11", 80), 0)));
        out.clear();
        e.onResult(0, OK, out);
        assertTrue(logs(out).contains("Enabling service [192.0.2.11]:tcp:80 of VS " + VSD));
        assertTrue(out.contains(new Action.UpdateReal(VS, new RealServer("192.0.2.11", 80), 3)));
    }

    @Test
    void severalCheckersAllMustPass() {
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, tcp(0, false), tcp(0, false))));
        var out = new ArrayList<Action>();
        e.start(out);
        e.onResult(0, OK, out);
        e.onResult(1, OK, out);
        e.onResult(0, REFUSED, out);
        assertFalse(e.status().getFirst().realServers().getFirst().alive());
        out.clear();
        e.onResult(1, REFUSED, out);
        assertFalse(logs(out).stream().anyMatch(l -> l.startsWith("Removing")), "already out");
        e.onResult(0, OK, out);
        assertFalse(e.status().getFirst().realServers().getFirst().alive(), "second checker still failing");
        out.clear();
        e.onResult(1, OK, out);
        assertTrue(logs(out).contains("Adding service [192.0.2.11]:tcp:80 to VS " + VSD));
    }

    @Test
    void quorumWithHysteresisAndSorryServer() {
        var sorry = RealServerPlan.sorry(new RealServer("192.0.2.99", 80), 1, false);
        var e = engine(vs(2, 1, Optional.of(sorry), false, rs(11, 1, false, tcp(0, false)), rs(12, 1, false, tcp(0, false)),
                rs(13, 1, false, tcp(0, false))));
        var out = new ArrayList<Action>();
        e.start(out);
        for (int i = 0; i < 3; i++) {
            e.onResult(i, OK, out);
        }
        out.clear();
        e.onResult(0, REFUSED, out); // 2 left: 2 >= 2-1 keeps quorum
        assertFalse(logs(out).stream().anyMatch(l -> l.contains("quorum")));
        e.onResult(1, REFUSED, out); // 1 left: 1 >= 1 still up
        assertFalse(logs(out).stream().anyMatch(l -> l.contains("quorum")));
        out.clear();
        e.onResult(2, REFUSED, out); // 0 → lost
        assertTrue(logs(out).contains("Lost quorum 2-1=1 > 0 for VS " + VSD), logs(out).toString());
        assertTrue(logs(out).contains("Adding sorry server [192.0.2.99]:tcp:80 to VS " + VSD));
        assertTrue(out.contains(new Action.AddReal(VS, new RealServer("192.0.2.99", 80), 1)));
        out.clear();
        e.onResult(0, OK, out);
        e.onResult(1, OK, out);
        assertFalse(logs(out).stream().anyMatch(l -> l.startsWith("Gained")), "needs 2+1");
        assertFalse(out.stream().anyMatch(a -> a instanceof Action.AddReal), "sorry server holds the pool");
        e.onResult(2, OK, out);
        assertTrue(logs(out).contains("Gained quorum 2+1=3 <= 3 for VS " + VSD));
        assertTrue(logs(out).contains("Removing sorry server [192.0.2.99]:tcp:80 from VS " + VSD));
        assertTrue(logs(out).contains("Adding alive servers to the pool for VS " + VSD));
        assertEquals(3, out.stream().filter(a -> a instanceof Action.AddReal).count());
    }

    @Test
    void dynamicWeightFromMiscCheck() {
        var misc = new CheckerPlan(new MiscWords("/check.sh"), Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
                Duration.ZERO, false, false, Duration.ofSeconds(3), false);
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 5, false, misc)));
        var out = new ArrayList<Action>();
        e.start(out);
        out.clear();
        e.onResult(0, CheckResult.success(7), out);
        assertEquals(List.of("Changing weight from 5 to 7 for active service [192.0.2.11]:tcp:80 of VS " + VSD,
                "Misc check for [[192.0.2.11]:tcp:80 VS " + VSD + "] by [/check.sh] succeeded."), logs(out));
        assertTrue(out.contains(new Action.UpdateReal(VS, new RealServer("192.0.2.11", 80), 7)));
        out.clear();
        e.onResult(0, CheckResult.failure("exited with status 1"), out);
        assertEquals("Misc check for [[192.0.2.11]:tcp:80 VS " + VSD + "] by [/check.sh] failed with retry disabled (exited with status 1).",
                logs(out).getFirst());
        assertEquals(5, e.status().getFirst().realServers().getFirst().weight(), "dynamic part dropped on failure");
    }

    @Test
    void omegaRunsDownScriptsAtShutdownOnlyWhenSet() {
        for (boolean omega : new boolean[] {false, true}) {
            var e = engine(vs(1, 0, Optional.empty(), omega, rs(11, 1, false, tcp(0, false))));
            var out = new ArrayList<Action>();
            e.start(out);
            out.clear();
            e.stop(out);
            assertTrue(logs(out).contains("Shutting down service [192.0.2.11]:tcp:80 from VS " + VSD));
            assertTrue(out.contains(new Action.RemoveService(VS)));
            assertEquals(omega, out.contains(new Action.RunScript(List.of("/down.sh"), true)));
            assertEquals(omega, out.contains(new Action.RunScript(List.of("/qdown.sh"), true)));
        }
    }

    @Test
    void haSuspendIdlesCheckersUntilAddressAppears() {
        var plan = new VirtualServerPlan(VSD, "tcp", List.of(VS), 1, 0, Optional.empty(), Optional.empty(), false, true,
                Set.of("192.0.2.100"), false, Optional.empty(), List.of(rs(11, 1, false, tcp(0, false))));
        var e = engine(plan);
        var out = new ArrayList<Action>();
        e.start(out);
        assertTrue(logs(out).contains("Deactivating healthchecker for service [192.0.2.11]:tcp:80 for VS " + VSD));
        assertFalse(e.isEnabled(0));
        out.clear();
        e.onAddressChange("192.0.2.100", true, out);
        assertEquals(List.of("Activating healthchecker for service [192.0.2.11]:tcp:80 for VS " + VSD), logs(out));
        assertTrue(e.isEnabled(0));
        out.clear();
        e.onAddressChange("192.0.2.100", false, out);
        assertEquals(List.of("Suspending healthchecker for service [192.0.2.11]:tcp:80 for VS " + VSD), logs(out));
    }

    @Test
    void groupMembersShareOneCheckerPerServer() {
        var a = new VirtualService.Address("192.0.2.100", 80, "tcp");
        var b = new VirtualService.Address("192.0.2.101", 80, "tcp");
        var plan = new VirtualServerPlan("[web]:0", "tcp", List.of(a, b), 1, 0, Optional.empty(), Optional.empty(), false,
                false, Set.of(), false, Optional.empty(), List.of(rs(11, 1, false, tcp(0, false))));
        var e = engine(plan);
        assertEquals(1, e.checkerCount());
        var out = new ArrayList<Action>();
        e.start(out);
        e.onResult(0, OK, out);
        out.clear();
        e.onResult(0, REFUSED, out);
        assertTrue(out.contains(new Action.RemoveReal(a, new RealServer("192.0.2.11", 80))));
        assertTrue(out.contains(new Action.RemoveReal(b, new RealServer("192.0.2.11", 80))));
        assertTrue(logs(out).contains("Removing service [192.0.2.11]:tcp:80 from VS [web]:0"));
    }

    @Test
    void warmupIsRandomButBoundedAndSeeded() {
        var c = new CheckerPlan(new TcpWords(), Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofSeconds(10),
                false, false, Duration.ofSeconds(1), false);
        var e1 = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, c), rs(12, 1, false, c)));
        var e2 = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, c), rs(12, 1, false, c)));
        e1.start(new ArrayList<>());
        e2.start(new ArrayList<>());
        for (int i = 0; i < 2; i++) {
            long d = e1.initialDelayNanos(i);
            assertTrue(d >= 1_000_000_000L && d <= 11_000_000_000L, "bootstrap + warmup: " + d);
            assertEquals(d, e2.initialDelayNanos(i), "same seed, same delays");
        }
    }

    @Test
    void logAllFailuresLogsEachAttempt() {
        var c = new CheckerPlan(new TcpWords(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ZERO,
                false, true, Duration.ofSeconds(1), false);
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, c)));
        var out = new ArrayList<Action>();
        e.start(out);
        e.onResult(0, OK, out);
        out.clear();
        e.onResult(0, CheckResult.failure("timeout"), out);
        assertEquals(List.of("TCP connection to [192.0.2.11]:tcp:80 timeout."), logs(out));
        out.clear();
        e.onResult(0, REFUSED, out);
        assertEquals("TCP connection to [192.0.2.11]:tcp:80 failed.", logs(out).getFirst());
        assertEquals("TCP_CHECK on service [192.0.2.11]:tcp:80 failed after 1 retries.", logs(out).get(1));
    }

    /** keepalived.conf.quorum: 10 servers, alpha, quorum 7, hysteresis 2, omega. */
    @Test
    void quorumSampleGainsAtNineAndLosesBelowFive() {
        var servers = new RealServerPlan[10];
        for (int i = 0; i < 10; i++) {
            servers[i] = rs(1 + i, 1, false, tcp(0, true));
        }
        var e = engine(vs(7, 2, Optional.empty(), true, servers));
        var out = new ArrayList<Action>();
        e.start(out);
        assertFalse(logs(out).stream().anyMatch(l -> l.contains("quorum")), "alpha: all down, quorum never was up");
        for (int i = 0; i < 8; i++) {
            e.onResult(i, OK, out);
        }
        assertFalse(e.status().getFirst().quorumUp(), "8 < 7+2");
        out.clear();
        e.onResult(8, OK, out);
        assertTrue(logs(out).contains("Gained quorum 7+2=9 <= 9 for VS " + VSD));
        assertTrue(out.contains(new Action.RunScript(List.of("/qup.sh"), false)));
        for (int i = 0; i < 4; i++) {
            e.onResult(i, REFUSED, out);
        }
        assertTrue(e.status().getFirst().quorumUp(), "5 alive >= 7-2");
        out.clear();
        e.onResult(4, REFUSED, out);
        assertTrue(logs(out).contains("Lost quorum 7-2=5 > 4 for VS " + VSD));
        out.clear();
        e.stop(out);
        assertTrue(out.contains(new Action.RunScript(List.of("/qdown.sh"), true)), "omega: quorum_down at shutdown");
    }

    /** FILE_CHECK: the file's value moves the weight; a fault takes the server out; leaving it brings the weight along. */
    @Test
    void fileCheckWeightsAndFaults() {
        var file = new CheckerPlan(new GenericWords("FILE_CHECK", true), Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
                Duration.ZERO, false, false, Duration.ofSeconds(1), true);
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 10, false, file)));
        var out = new ArrayList<Action>();
        e.start(out);
        assertFalse(logs(out).stream().anyMatch(l -> l.contains("healthchecker")), "no checker thread for a tracked file");
        out.clear();
        e.onResult(0, CheckResult.success(16), out); // value 3 x weight 2
        assertEquals(List.of("Changing weight from 10 to 16 for active service [192.0.2.11]:tcp:80 of VS " + VSD), logs(out));
        out.clear();
        e.onResult(0, CheckResult.failure("tracked file value 1"), out);
        assertTrue(logs(out).contains("Removing service [192.0.2.11]:tcp:80 from VS " + VSD));
        assertEquals(10, e.status().getFirst().realServers().getFirst().weight(), "the file's part dropped with the fault");
        out.clear();
        e.onResult(0, CheckResult.success(12), out);
        assertEquals(List.of("Adding service [192.0.2.11]:tcp:80 to VS " + VSD, "Gained quorum 1+0=1 <= 12 for VS " + VSD), logs(out));
        assertTrue(out.contains(new Action.AddReal(VS, new RealServer("192.0.2.11", 80), 12)), "added with the file's weight");
    }
}
