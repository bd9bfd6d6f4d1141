package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.plan.VrrpParamsFromConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine, given the same configuration and the same 9 seconds as the real keepalived 2.2.7 in the
 * golden capture (resources vrrp/golden), must write the same instance log lines in the same order:
 * five instances entering BACKUP, timing out one after the other in skew order, setting VIPs, their
 * GARP/NA bursts and delayed bursts, and the priority-0 shutdown.
 */
class KeepalivedLogFidelityTest {
    @TempDir
    Path dir;

    @Test
    void sameLinesInTheSameOrderAsKeepalived() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, resource("/vrrp/golden/keepalived-capture.conf"));
        var config = ConfigTest.load(conf, null, false, new DiagnosticSink());
        List<InstanceParams> params = new ArrayList<>();
        for (var spec : config.vrrpInstances()) {
            params.add(VrrpParamsFromConfig.instance(spec, InetAddress.getByName(
                    spec.family() == AddressFamily.INET6 ? "fe80::aca0:cff:fe90:6242" : "192.0.2.1")));
        }
        assertEquals(5, params.size());

        var engine = new VrrpEngine(params, List.of(), true);
        List<String> ours = new ArrayList<>();
        long deadline = collect(engine.handle(new VrrpEvent.Start(0)), ours);
        long stopAt = 9_000_000;          // capture.sh lets keepalived run 9 s, then SIGTERM
        while (deadline <= stopAt) {
            deadline = collect(engine.handle(new VrrpEvent.TimerDue(deadline)), ours);
        }
        collect(engine.handle(new VrrpEvent.Shutdown(stopAt)), ours);

        List<String> keepalived = resource("/vrrp/golden/capture-keepalived.log").lines()
                .filter(l -> l.contains(": (V"))
                .map(l -> l.substring(l.indexOf(": (V") + 2))
                .filter(l -> !l.contains("Initial state master is incompatible") && !l.contains("should be link local"))
                .toList();
        assertEquals(String.join("\n", keepalived), String.join("\n", ours));
    }

    private static long collect(List<VrrpAction> actions, List<String> lines) {
        long next = Long.MAX_VALUE;
        for (VrrpAction a : actions) {
            if (a instanceof VrrpAction.Log l) {
                lines.add(l.line());
            } else if (a instanceof VrrpAction.ScheduleAt s) {
                next = s.deadline();
            }
        }
        return next;
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = KeepalivedLogFidelityTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
