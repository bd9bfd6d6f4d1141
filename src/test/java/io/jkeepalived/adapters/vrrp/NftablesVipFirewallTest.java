package io.jkeepalived.adapters.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.linux.Nftables;
import io.jkeepalived.linux.NftablesException;
import io.jkeepalived.vrrp.plan.VipFirewallPlan;
import io.jkeepalived.vrrp.plan.VipFirewallPlan.Element;
import io.jkeepalived.vrrp.plan.VipFirewallPlan.Instance;
import io.jkeepalived.vrrp.plan.VipFirewallPlan.SetName;
import io.jkeepalived.vrrp.port.AddressManager;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decorator's bookkeeping and failure handling, over a recording libnftables stand-in. */
class NftablesVipFirewallTest {
    private final List<String> calls = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final AddressManager addresses = new AddressManager() {
        @Override
        public void add(String instance, List<InetAddress> vips, boolean accept) {
            calls.add("addr add " + instance + " " + vips.size());
        }

        @Override
        public void remove(String instance, List<InetAddress> vips, boolean accept) {
            calls.add("addr del " + instance + " " + vips.size());
        }
    };

    private final class Recording implements Nftables {
        String failOn = "";

        @Override
        public String run(String commands) throws NftablesException {
            if (!failOn.isEmpty() && commands.contains(failOn)) {
                throw new NftablesException("nft_run_cmd_from_buffer", "Error: Could not process rule: No such file or directory");
            }
            calls.add("nft " + commands.lines().findFirst().orElse(""));
            return "";
        }

        @Override
        public String listJson(String command) {
            return "";
        }

        @Override
        public void close() {
            calls.add("nft close");
        }
    }

    private static VipFirewallPlan plan() throws Exception {
        var vip = InetAddress.getByName("192.0.2.100");
        return new VipFirewallPlan("keepalived", -1, false, true, Map.of("VI_1", new Instance("VI_1",
                SourcePos.of("/etc/keepalived/keepalived.conf", 12, 5), Map.of(vip, new Element(SetName.VIPS4, "192.0.2.100")))));
    }

    @Test
    void setsOnceBeforeTheAddressesAndRemovesAfterThem() throws Exception {
        var nft = new Recording();
        var fw = NftablesVipFirewall.open(addresses, plan(), () -> nft, infos::add, warnings::add);
        var vips = List.of(InetAddress.getByName("192.0.2.100"));
        fw.add("VI_1", vips, false);
        fw.add("VI_1", vips, false);
        fw.remove("VI_1", vips, false);
        fw.remove("VI_1", vips, false);
        fw.add("VI_2", vips, true);
        fw.close();
        assertEquals(List.of("nft add table ip keepalived", "nft add element ip keepalived vips { 192.0.2.100 }",
                "addr add VI_1 1", "addr add VI_1 1", "addr del VI_1 1",
                "nft delete element ip keepalived vips { 192.0.2.100 }", "addr del VI_1 1", "addr add VI_2 1",
                "nft delete table ip keepalived", "nft close"), calls);
        assertEquals(List.of("use_vmac or no_accept/strict specified, but no firewall configured - using nftables",
                "(VI_1) setting firewall drop rule", "(VI_1) removing firewall drop rule"), infos, "once per change");
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFailedChangeIsLoggedWithTheInstanceAndVrrpGoesOn() throws Exception {
        var nft = new Recording();
        nft.failOn = "add element";
        var fw = NftablesVipFirewall.open(addresses, plan(), () -> nft, infos::add, warnings::add);
        fw.add("VI_1", List.of(InetAddress.getByName("192.0.2.100")), false);
        assertTrue(calls.contains("addr add VI_1 1"), "the addresses still go on: " + calls);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("(VI_1) cannot set the no_accept firewall drop rule in nftables table keepalived: "),
                warnings.get(0));
        fw.close();
    }

    @Test
    void withoutLibnftablesOneWarningNamingTheLine() throws Exception {
        var fw = NftablesVipFirewall.open(addresses, plan(), () -> {
            throw new NftablesException("dlopen(libnftables.so.1)", "not available (Debian package libnftables1)");
        }, infos::add, warnings::add);
        fw.add("VI_1", List.of(InetAddress.getByName("192.0.2.100")), false);
        fw.close();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("(VI_1) no_accept (/etc/keepalived/keepalived.conf:12:5) is not applied: "
                + "nftables is not available: "), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("its VIPs accept traffic"), warnings.get(0));
        assertEquals(List.of("addr add VI_1 1"), calls);
    }
}
