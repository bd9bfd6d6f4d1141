package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.vrrp.codec.AuthType;
import io.jkeepalived.vrrp.codec.IpFamily;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived.conf text -> config model -> engine parameters -> a running engine. */
class VrrpParamsFromConfigTest {
    @TempDir
    Path dir;

    KeepalivedConfig load(String text) throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, text);
        return ConfigTest.load(conf, null, false, new DiagnosticSink());
    }

    @Test
    void mapsEveryEngineSettingFromARealConfig() throws Exception {
        var config = load("""
                global_defs {
                    vrrp_garp_master_refresh 60
                }
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_6
                    }
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface lo
                    virtual_router_id 51
                    priority 150
                    advert_int 2
                    nopreempt
                    garp_master_delay 3
                    garp_master_repeat 2
                    lower_prio_no_advert
                    mcast_src_ip 192.0.2.7
                    authentication {
                        auth_type AH
                        auth_pass longpassword
                    }
                    virtual_ipaddress {
                        192.0.2.100/24
                        192.0.2.101
                    }
                    virtual_ipaddress_excluded {
                        198.51.100.1
                    }
                }
                vrrp_instance VI_6 {
                    interface lo
                    virtual_router_id 52
                    advert_int 0.5
                    version 3
                    virtual_ipaddress {
                        2001:db8::100
                    }
                }
                """);
        var spec = config.vrrpInstances().stream().filter(s -> s.name().equals("VI_1")).findFirst().orElseThrow();
        InstanceParams p = VrrpParamsFromConfig.instance(spec, InetAddress.getByName("192.0.2.1"));
        assertEquals("lo", p.interfaceName());
        assertEquals(51, p.vrid());
        assertEquals(2, p.version());
        assertEquals(IpFamily.IPV4, p.family());
        assertEquals(150, p.priority());
        assertEquals(2_000_000, p.advertIntervalMicros());
        assertFalse(p.initialMaster(), "keepalived: initial state master is incompatible with AH authentication");
        assertFalse(p.preempt());
        assertEquals(InetAddress.getByName("192.0.2.7"), p.sourceAddress(), "mcast_src_ip wins over the interface");
        assertEquals(List.of(InetAddress.getByName("192.0.2.100"), InetAddress.getByName("192.0.2.101")), p.vips());
        assertEquals(List.of(InetAddress.getByName("198.51.100.1")), p.excludedVips());
        assertEquals(AuthType.AH, p.authType());
        assertArrayEquals(Arrays.copyOf("longpass".getBytes(), 8), p.authKey());
        assertEquals(3_000_000, p.garp().masterDelayMicros());
        assertEquals(2, p.garp().masterRepeat());
        assertEquals(60_000_000, p.garp().masterRefreshMicros(), "inherited from global_defs");
        assertTrue(p.lowerPrioNoAdvert());

        var v6 = VrrpParamsFromConfig.instance(config.vrrpInstances().stream().filter(s -> s.name().equals("VI_6"))
                .findFirst().orElseThrow(), InetAddress.getByName("fe80::1"));
        assertEquals(3, v6.version());
        assertEquals(IpFamily.IPV6, v6.family());
        assertEquals(500_000, v6.advertIntervalMicros());

        var engine = new VrrpEngine(List.of(p, v6),
                config.vrrpSyncGroups().stream().map(VrrpParamsFromConfig::syncGroup).toList(), true);
        engine.handle(new VrrpEvent.Start(0));
        assertEquals(VrrpState.BACKUP, engine.state("VI_1"));
        assertEquals(VrrpState.BACKUP, engine.groupState("G1"));
    }
}
