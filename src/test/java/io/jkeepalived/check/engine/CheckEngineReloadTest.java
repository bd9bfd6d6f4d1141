package io.jkeepalived.check.engine;

import static io.jkeepalived.check.engine.CheckEngineTest.OK;
import static io.jkeepalived.check.engine.CheckEngineTest.REFUSED;
import static io.jkeepalived.check.engine.CheckEngineTest.VS;
import static io.jkeepalived.check.engine.CheckEngineTest.VSD;
import static io.jkeepalived.check.engine.CheckEngineTest.engine;
import static io.jkeepalived.check.engine.CheckEngineTest.logs;
import static io.jkeepalived.check.engine.CheckEngineTest.rs;
import static io.jkeepalived.check.engine.CheckEngineTest.tcp;
import static io.jkeepalived.check.engine.CheckEngineTest.vs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.lvs.RealServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reload (migrate_checkers): the new engine takes over the old one's state for servers in both plans. */
class CheckEngineReloadTest {
    static final RealServer S11 = new RealServer("192.0.2.11", 80);
    static final RealServer S12 = new RealServer("192.0.2.12", 80);

    @Test
    void aDownServerStaysDownAndAnUpServerStaysUpWithoutALogLine() {
        var old = engine(vs(1, 0, Optional.empty(), false, rs(11, 1, false, tcp(0, false)), rs(12, 1, false, tcp(0, false))));
        var out = new ArrayList<Action>();
        old.start(out);
        old.onResult(0, OK, out);
        old.onResult(1, REFUSED, out);

        var next = engine(vs(1, 0, Optional.empty(), false, rs(11, 4, false, tcp(0, false)), rs(12, 1, false, tcp(0, false))));
        next.adopt(old);
        out.clear();
        next.start(out);
        assertTrue(out.contains(new Action.AddReal(VS, S11, 1)), "its pool entry as it was: " + out);
        assertTrue(out.contains(new Action.UpdateReal(VS, S11, 4)), "then its new weight, in place: " + out);
        assertFalse(out.stream().anyMatch(a -> a instanceof Action.AddReal r && r.server().equals(S12)), "12 stays out: " + out);
        assertEquals(List.of("Changing weight from 1 to 4 for active service [192.0.2.11]:tcp:80 of VS " + VSD), logs(out));
        var status = next.status().getFirst().realServers();
        assertTrue(status.get(0).alive());
        assertFalse(status.get(1).alive());

        // the retry counter came along: the next failure of 12 is no news, a success brings it back
        out.clear();
        next.onResult(1, OK, out);
        assertTrue(logs(out).contains("Adding service [192.0.2.12]:tcp:80 to VS " + VSD), logs(out).toString());
    }

    @Test
    void aNewServerStartsAsAtStartAndQuorumIsKept() {
        var old = engine(vs(2, 0, Optional.empty(), false, rs(11, 2, false, tcp(0, false))));
        var out = new ArrayList<Action>();
        old.start(out);
        var next = engine(vs(2, 0, Optional.empty(), false, rs(11, 2, false, tcp(0, false)), rs(12, 1, false, tcp(0, false))));
        next.adopt(old);
        out.clear();
        next.start(out);
        assertTrue(out.contains(new Action.AddReal(VS, S12, 1)), out.toString());
        assertTrue(logs(out).stream().noneMatch(l -> l.contains("quorum")), "quorum did not change: " + logs(out));
        assertTrue(next.status().getFirst().quorumUp());
    }
}
