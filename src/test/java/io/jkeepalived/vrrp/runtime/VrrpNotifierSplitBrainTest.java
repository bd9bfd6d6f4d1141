package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.common.Log;
import io.jkeepalived.config.build.ConfigBuilder;
import io.jkeepalived.config.build.ScriptFinder;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.notify.ScriptJobs;
import io.jkeepalived.notify.ScriptRunner;
import io.jkeepalived.notify.ScriptsAtStop;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.config.build.HostInterfaces;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's split-brain finding reaches the log (it used to stop at the notifier and was lost). */
class VrrpNotifierSplitBrainTest {
    @Test
    void aHealedPartitionIsLoggedWithTheOtherMaster() throws Exception {
        var config = new ConfigBuilder(new DiagnosticSink(), HostInterfaces.of(Set.of("eth0")), argv -> ScriptFinder.Found.MISSING)
                .build(io.jkeepalived.config.Trees.parse("vrrp_instance VI_1 {", " interface eth0", " virtual_router_id 51",
                        " priority 150", " virtual_ipaddress {", "  192.0.2.100", " }", "}"));
        var lines = new ArrayList<String>();
        Log log = (level, message) -> lines.add(level + " " + message);
        try (var runner = new ScriptRunner(Log.NONE, 1, "test-scripts")) {
            var notifier = new VrrpNotifier(config, runner, new ScriptJobs(new ScriptJobs.Settings(Optional.empty(),
                    Optional.empty(), false), Log.NONE), new ScriptsAtStop(), List.of(), Optional.empty(), "r1", log);
            notifier.splitBrain(new VrrpAction.SplitBrain("VI_1", InetAddress.getByName("192.0.2.2"), 100, 150, 0));
        }
        assertEquals(List.of("WARNING (VI_1) split brain: 192.0.2.2 was MASTER too (priority 100, ours 150); it must yield to us"),
                lines);
    }
}
