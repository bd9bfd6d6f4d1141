package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.vrrp.plan.VipFirewallPlan.Element;
import io.jkeepalived.vrrp.plan.VipFirewallPlan.SetName;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which instances get no_accept's drop rules, in which sets, and the nft text (keepalived 2.2.7's shape). */
class VipFirewallPlanTest {
    @TempDir
    Path dir;

    private VipFirewallPlan plan(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        KeepalivedConfig config = ConfigTest.load(f, "", false, new DiagnosticSink());
        var vrrp = VrrpPlan.of(config, VrrpPlanTest.host());
        return VipFirewallPlan.of(config, vrrp.addressesOf(), vrrp.deviceOf());
    }

    private static final String TWO = """
            vrrp_instance NA {
                interface lo
                virtual_router_id 1
                priority 100
                no_accept
                virtual_ipaddress {
                    192.0.2.100/24
                }
                virtual_ipaddress_excluded {
                    192.0.2.101/24
                }
            }
            vrrp_instance NA6 {
                interface lo
                virtual_router_id 3
                priority 100
                no_accept
                virtual_ipaddress {
                    2001:db8::100/64
                    fe80::100/64
                }
            }
            vrrp_instance ACC {
                interface lo
                virtual_router_id 2
                priority 100
                virtual_ipaddress {
                    192.0.2.102/24
                }
            }
            """;

    @Test
    void onlyNoAcceptInstancesWithTheirVipsAndEvips() throws Exception {
        var p = plan(TWO);
        assertEquals(List.of("NA", "NA6"), List.copyOf(p.instances().keySet()));
        var na = p.instances().get("NA");
        assertEquals("k.conf", Path.of(na.noAcceptPos().file()).getFileName().toString());
        assertEquals(5, na.noAcceptPos().line(), "the no_accept line");
        assertEquals(List.of(new Element(SetName.VIPS4, "192.0.2.100"), new Element(SetName.VIPS4, "192.0.2.101")),
                List.copyOf(na.elements().values()));
        assertEquals(List.of(new Element(SetName.VIPS6, "2001:db8::100"), new Element(SetName.LINK_LOCAL_INDEX, "fe80::100 . 1")),
                List.copyOf(p.instances().get("NA6").elements().values()));
        assertEquals("keepalived", p.table());
        assertTrue(p.defaultTable(), "no nftables line: keepalived's default table");
        assertEquals(-1, p.priority());
        assertFalse(p.counters());
    }

    @Test
    void ownerAndAcceptGetNothing() throws Exception {
        assertTrue(plan("""
                vrrp_instance OWNER {
                    interface lo
                    virtual_router_id 1
                    priority 255
                    no_accept
                    virtual_ipaddress {
                        192.0.2.100/24
                    }
                }
                """).isEmpty(), "the address owner always accepts");
    }

    @Test
    void vrrpStrictTurnsAcceptOffAndIsNamed() throws Exception {
        var p = plan("""
                global_defs {
                    vrrp_strict
                    nftables fw
                    nftables_priority -5
                    nftables_counters
                }
                vrrp_instance S {
                    interface lo
                    virtual_router_id 1
                    priority 100
                    virtual_ipaddress {
                        192.0.2.100/24
                    }
                }
                """);
        assertEquals(2, p.instances().get("S").noAcceptPos().line(), "the vrrp_strict line");
        assertEquals("fw", p.table());
        assertFalse(p.defaultTable());
        assertEquals(-5, p.priority());
        assertTrue(p.counters());
        assertTrue(p.tableNameProblem().isEmpty());
    }

    @Test
    void linkLocalByNameWithDontTrackPrimaryUnlessIfindex() throws Exception {
        String conf = """
                global_defs {
                    %s
                }
                vrrp_instance NA {
                    interface lo
                    dont_track_primary
                    virtual_router_id 1
                    priority 100
                    no_accept
                    virtual_ipaddress {
                        fe80::100/64
                    }
                }
                """;
        var byName = plan(conf.formatted("router_id x"));
        assertEquals(new Element(SetName.LINK_LOCAL_NAME, "fe80::100 . \"lo\""),
                byName.instances().get("NA").elements().get(InetAddress.getByName("fe80::100")));
        var byIndex = plan(conf.formatted("nftables_ifindex"));
        assertEquals(new Element(SetName.LINK_LOCAL_INDEX, "fe80::100 . 1"),
                byIndex.instances().get("NA").elements().get(InetAddress.getByName("fe80::100")));
    }

    @Test
    void rulesetText() throws Exception {
        var r = new VipFirewallRuleset(plan(TWO));
        assertTrue(r.ipv4());
        assertTrue(r.ipv6());
        String create = r.create();
        assertTrue(create.startsWith("""
                add table ip keepalived
                delete table ip keepalived
                add table ip6 keepalived
                delete table ip6 keepalived
                table ip keepalived {
                  set vips { type ipv4_addr; }
                  chain out {
                    type filter hook output priority -1; policy accept;
                    ip saddr @vips drop
                  }
                  chain in {
                    type filter hook input priority -1; policy accept;
                    ip daddr @vips drop
                  }
                }
                table ip6 keepalived {
                """), create);
        assertTrue(create.contains("    ip6 daddr . iif @vips_link_local drop\n"), create);
        assertFalse(create.contains("vips_link_local_name"), create);
        assertEquals("add element ip keepalived vips { 192.0.2.100, 192.0.2.101 }\n"
                        + "add element ip6 keepalived vips_link_local { fe80::100 . 1 }\n",
                r.add(List.of(new Element(SetName.VIPS4, "192.0.2.100"), new Element(SetName.LINK_LOCAL_INDEX, "fe80::100 . 1"),
                        new Element(SetName.VIPS4, "192.0.2.101"))));
        assertEquals("delete element ip6 keepalived vips { 2001:db8::100 }\n",
                r.remove(List.of(new Element(SetName.VIPS6, "2001:db8::100"))));
        assertEquals("delete table ip keepalived\ndelete table ip6 keepalived\n", r.delete());
    }

    @Test
    void aTableNameNftCannotTakeIsSaid() {
        var p = new VipFirewallPlan("a b", -1, false, false, java.util.Map.of());
        assertTrue(p.tableNameProblem().orElseThrow().contains("'a b'"));
    }
}
