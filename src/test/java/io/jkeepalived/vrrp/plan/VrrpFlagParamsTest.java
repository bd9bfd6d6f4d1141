package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived.conf text to a running engine: unicast_fault_no_peer and owner_ignore_adverts reach it. */
class VrrpFlagParamsTest {
    @TempDir
    Path dir;

    @Test
    void unicastWithoutPeersFaultsAndAnOwnerIgnoresAdverts() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    vrrp_owner_ignore_adverts
                }
                vrrp_instance NO_PEERS {
                    interface lo
                    virtual_router_id 51
                    unicast_src_ip 127.0.0.1
                    unicast_fault_no_peer
                    virtual_ipaddress {
                        192.0.2.51/32
                    }
                }
                vrrp_instance OWNER {
                    interface lo
                    virtual_router_id 52
                    priority 255
                    virtual_ipaddress {
                        192.0.2.52/32
                    }
                }
                """);
        var config = ConfigTest.load(conf, null, false, new DiagnosticSink());
        var lo = InetAddress.getByName("127.0.0.1");
        var noPeers = VrrpParamsFromConfig.instance(config.vrrpInstances().get(0), lo);
        var owner = VrrpParamsFromConfig.instance(config.vrrpInstances().get(1), lo);
        assertTrue(noPeers.configFault());
        assertFalse(noPeers.unicast(), "keepalived does not fall back to multicast: it stays in FAULT");
        assertTrue(owner.ownerIgnoreAdverts());
        assertFalse(owner.configFault());

        var engine = new VrrpEngine(List.of(noPeers, owner), List.of(), false);
        engine.handle(new VrrpEvent.Start(1_000_000));
        engine.handle(new VrrpEvent.TimerDue(1_000_001));
        assertEquals(VrrpState.FAULT, engine.state("NO_PEERS"));
        assertEquals(VrrpState.MASTER, engine.state("OWNER"));
    }
}
