package io.jkeepalived.check.engine;

import io.jkeepalived.lvs.RealServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.jkeepalived.check.engine.CheckEngineTest.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * HTTP_GET without fast_recovery (keepalived's epilog in check_http.c): one url per delay_loop, up only once every
 * url has passed in turn. With {@code recoverySweep} = the url count, a down checker needs that many more passes,
 * delay_loop apart; fast_recovery (0) is up on the first pass.
 */
class RecoverySweepTest {
    private static final long DELAY_LOOP = Duration.ofSeconds(1).toNanos();
    private static final RealServer RS = new RealServer("192.0.2.11", 80);

    private static CheckerPlan http(int urls, boolean alpha, int retry) {
        return new CheckerPlan(new GenericWords("HTTP_GET", false), Duration.ofSeconds(1), Duration.ofSeconds(3), retry,
                Duration.ZERO, alpha, false, Duration.ofSeconds(3), false, urls);
    }

    private static boolean added(List<Action> out) {
        return out.contains(new Action.AddReal(VS, RS, 1));
    }

    private static CheckEngine started(CheckerPlan plan) {
        var e = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, plan)));
        e.start(new ArrayList<>());
        return e;
    }

    @Test
    void downServerNeedsOnePassPerUrlAfterTheFailedOnePasses() {
        var e = started(http(2, false, 0));
        var out = new ArrayList<Action>();
        e.onResult(0, OK, out);
        e.onResult(0, REFUSED, out);
        assertTrue(out.contains(new Action.RemoveReal(VS, RS)));
        for (int pass = 1; pass <= 2; pass++) {
            out.clear();
            assertEquals(DELAY_LOOP, e.onResult(0, OK, out), "pass " + pass + ": next one delay_loop later");
            assertEquals(List.of(), out, "pass " + pass + " of 3: still down, nothing logged");
        }
        out.clear();
        e.onResult(0, OK, out);
        assertTrue(added(out), "the third pass (the failed url, then both urls) brings it up: " + out);
        assertEquals("HTTP_GET on service [192.0.2.11]:tcp:80 succeeded.", logs(out).getFirst());
    }

    @Test
    void aFailureDuringTheSweepStartsItAgain() {
        var e = started(http(1, false, 0));
        var out = new ArrayList<Action>();
        e.onResult(0, OK, out);
        e.onResult(0, REFUSED, out);
        e.onResult(0, OK, out);
        e.onResult(0, REFUSED, out);
        out.clear();
        e.onResult(0, OK, out);
        assertFalse(added(out), "the sweep started over: one more pass needed");
        e.onResult(0, OK, out);
        assertTrue(added(out));
    }

    @Test
    void fastRecoveryIsUpOnTheFirstPass() {
        var e = started(http(0, false, 0));
        var out = new ArrayList<Action>();
        e.onResult(0, OK, out);
        e.onResult(0, REFUSED, out);
        out.clear();
        e.onResult(0, OK, out);
        assertTrue(added(out));
    }

    @Test
    void alphaStartNeedsOnePassPerUrlAndOneFailureIsDown() {
        var e = started(http(3, true, 2));
        var out = new ArrayList<Action>();
        e.onResult(0, OK, out);
        e.onResult(0, OK, out);
        assertFalse(added(out), "two of three urls");
        e.onResult(0, OK, out);
        assertTrue(added(out), "the third url: up");

        e = started(http(3, true, 2));
        out.clear();
        e.onResult(0, OK, out);
        e.onResult(0, REFUSED, out);
        assertTrue(logs(out).contains("HTTP_GET on service [192.0.2.11]:tcp:80 failed (connection refused)."),
                "before the first sweep is over one failure is down, whatever retry says: " + logs(out));
    }
}
