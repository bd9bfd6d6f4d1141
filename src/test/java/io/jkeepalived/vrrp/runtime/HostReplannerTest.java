package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.linux.Link;
import io.jkeepalived.vrrp.plan.HostInterfaces;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HostReplanner: settles, plans on the host as it is, asks once; SourcePresence: present while on any interface. */
class HostReplannerTest {
    @TempDir
    Path dir;

    static Link link(int index, String name) {
        return new Link(index, name, Link.IFF_UP | Link.IFF_RUNNING, Link.OperState.UP, "", 1500, Optional.empty(), 0);
    }

    @Test
    void asksOnceAfterTheSettleTimeWhenAnInstanceCanRun() throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, """
                global_defs {
                    dynamic_interfaces
                }
                vrrp_instance VI_1 {
                    interface eth9
                    virtual_router_id 1
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                """);
        var config = ConfigTest.load(f, "", false, new DiagnosticSink());
        var none = new HostInterfaces(List.of(link(1, "lo")), List.of());
        var asked = new ArrayList<Set<String>>();
        var replanner = new HostReplanner(config, VrrpPlan.of(config, none), asked::add);
        assertEquals(HostReplanner.NEVER, replanner.nextDue());
        replanner.noticed(1_000);
        replanner.noticed(2_000);       // another change: wait from this one
        assertFalse(replanner.due(2_000 + HostReplanner.SETTLE_MICROS - 1));
        assertTrue(replanner.due(2_000 + HostReplanner.SETTLE_MICROS));
        replanner.check(new HostInterfaces(List.of(link(1, "lo"), link(5, "eth9")), List.of()));
        assertEquals(List.of(), asked, "eth9 has no address yet");
        replanner.noticed(10_000);
        var ready = new HostInterfaces(List.of(link(1, "lo"), link(5, "eth9")),
                List.of(InterfaceAddress.of(5, InetAddress.getByName("192.0.2.1"), 24)));
        replanner.check(ready);
        assertEquals(List.of(Set.of("VI_1")), asked);
        replanner.noticed(20_000);
        assertEquals(HostReplanner.NEVER, replanner.nextDue(), "asked once: the new run plans from here");
        replanner.check(ready);
        assertEquals(1, asked.size());
    }

    @Test
    void aSourceIsPresentWhileAnyInterfaceHoldsIt() throws Exception {
        InetAddress src = InetAddress.getByName("192.0.2.1");
        var p = new SourcePresence(Set.of(src));
        p.initial(List.of(InterfaceAddress.of(3, src, 24)));
        assertTrue(p.present(src));
        assertEquals(Optional.empty(), p.added(InterfaceAddress.of(4, src, 24)), "already present");
        assertEquals(Optional.empty(), p.removed(InterfaceAddress.of(3, src, 24)), "still on interface 4");
        assertEquals(Optional.of(false), p.removed(InterfaceAddress.of(4, src, 24)));
        assertFalse(p.present(src));
        assertEquals(Optional.empty(), p.added(InterfaceAddress.of(4, InetAddress.getByName("192.0.2.2"), 24)), "not tracked");
        assertEquals(Optional.of(true), p.added(InterfaceAddress.of(4, src, 24)));
        assertEquals(java.util.Map.of(src, false), p.resync(List.of()), "after an overrun: gone");
        assertEquals(java.util.Map.of(), p.resync(List.of()));
        assertEquals(java.util.Map.of(src, true), p.resync(List.of(InterfaceAddress.of(9, src, 24))));
    }
}
