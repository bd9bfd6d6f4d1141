package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sync group member's weighted trackers, against keepalived 2.2.7: without sync_group_tracking_weight a track_file
 * of default weight 1 becomes unweighted, so a non-zero value puts the member, and so its group, in FAULT; with it
 * the value only moves the priority and the group stays MASTER. A weighted track_interface keeps its weight either
 * way (keepalived 2.2.7 says it ignores it, but does not). jkeepalived runs in namespace a, keepalived in b (other
 * VRIDs and VIPs), each tracking a veth and a file of its own.
 */
@Tag("root")
@Timeout(240)
class SyncGroupTrackingWeightRootTest {
    private VrrpTestLan lan;
    private Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        dir = Files.createTempDirectory("jkd-sgweight");
    }

    @AfterEach
    void tearDown() throws Exception {
        closeAll();
        Sh.run("rm", "-rf", dir.toString());
    }

    private void closeAll() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception e) {
                // keep closing
            }
        }
        cleanup.clear();
        if (lan != null) {
            lan.close();
            lan = null;
        }
    }

    private String config(String node, String ifname, int vrid, boolean weighted) throws Exception {
        Path file = dir.resolve(node + "-tf");
        Files.writeString(file, "0\n");
        var sb = new StringBuilder("track_file TF {\n    file " + file + "\n}\n");
        for (String name : List.of("A", "B")) {
            int id = name.equals("A") ? vrid : vrid + 1;
            sb.append("vrrp_instance ").append(name).append(" {\n    interface ").append(ifname)
                    .append("\n    virtual_router_id ").append(id).append("\n    priority 100\n    advert_int 1\n")
                    .append(name.equals("A") ? "    track_interface {\n        jkx weight 10\n    }\n"
                            + "    track_file {\n        TF\n    }\n" : "")
                    .append("    virtual_ipaddress {\n        192.0.2.").append(id).append("/24\n    }\n}\n");
        }
        return sb.append("vrrp_sync_group SG {\n    group {\n        A\n        B\n    }\n")
                .append(weighted ? "    sync_group_tracking_weight\n" : "").append("}\n").toString();
    }

    /**
     * What each node did when its tracked jkx went down (both: the weight applies, keepalived 2.2.7 keeps it
     * whatever it says), then when the tracked file (default weight 1) read 5.
     */
    private List<String> afterTrackersChange(boolean weighted) throws Exception {
        lan = new VrrpTestLan(weighted ? "sw" : "su");
        for (NetNs ns : List.of(lan.a, lan.b)) {
            ns.exec("ip", "link", "add", "jkx", "type", "veth", "peer", "name", "jkxp");
            ns.exec("ip", "link", "set", "jkx", "up");
            ns.exec("ip", "link", "set", "jkxp", "up");
        }
        var ours = VrrpNode.jkeepalived("a", lan.a, dir, config("a", "jkda", 71, weighted));
        var theirs = VrrpNode.keepalived("b", lan.b, dir, config("b", "jkdb", 81, weighted));
        cleanup.add(ours);
        cleanup.add(theirs);
        ours.start();
        theirs.start();
        var states = new ArrayList<String>();
        for (var node : List.of(ours, theirs)) {
            await(node + ": A and B MASTER", 40_000, () -> node.state("A").equals("MASTER")
                    && node.state("B").equals("MASTER"), node);
        }
        lan.a.exec("ip", "link", "set", "jkx", "down");
        lan.b.exec("ip", "link", "set", "jkx", "down");
        for (var node : List.of(ours, theirs)) {
            await(node + ": the interface weight applies", 20_000,
                    () -> node.countLines("(A) Changing effective priority from 110 to 100") > 0, node);
        }
        Files.writeString(dir.resolve("a-tf"), "5\n");
        Files.writeString(dir.resolve("b-tf"), "5\n");
        for (var node : List.of(ours, theirs)) {
            String expected = weighted ? "(A) Changing effective priority from 100 to 105" : "(A) Entering FAULT STATE";
            await(node + ": " + expected, 20_000, () -> node.countLines(expected) > 0, node);
        }
        Thread.sleep(2_000);
        for (var node : List.of(ours, theirs)) {
            states.add(node + " A " + node.state("A") + ", B " + node.state("B") + ", group FAULT lines "
                    + node.countLines("VRRP_Group(SG) Syncing instances to FAULT state"));
        }
        closeAll();
        return states;
    }

    @Test
    void withoutTrackingWeightTheMemberFaults() throws Exception {
        assertEquals(List.of("a A FAULT, B FAULT, group FAULT lines 1", "b A FAULT, B FAULT, group FAULT lines 1"),
                afterTrackersChange(false));
    }

    @Test
    void withTrackingWeightOnlyThePriorityDrops() throws Exception {
        assertEquals(List.of("a A MASTER, B MASTER, group FAULT lines 0", "b A MASTER, B MASTER, group FAULT lines 0"),
                afterTrackersChange(true));
    }
}
