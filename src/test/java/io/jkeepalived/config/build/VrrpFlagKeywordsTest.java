package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** owner_ignore_adverts, unicast_fault_no_peer and the sync group tracking weights, resolved as keepalived does. */
class VrrpFlagKeywordsTest {
    static List<String> instance(String name, int priority, String... body) {
        var lines = new ArrayList<>(List.of("vrrp_instance " + name + " {", "  interface eth0",
                "  virtual_router_id " + (name.hashCode() & 0x7f | 1), "  priority " + priority,
                "  virtual_ipaddress {", "    192.0.2." + (name.hashCode() & 0x3f) + "/32", "  }"));
        lines.addAll(List.of(body));
        lines.add("}");
        return lines;
    }

    static Built build(List<List<String>> parts) {
        return Built.of(parts.stream().flatMap(List::stream).toArray(String[]::new));
    }

    /** The findings about tracking: keepalived's script security note for the tracked scripts left out. */
    static List<String> messages(Built b) {
        return b.messages().stream().filter(m -> !m.startsWith("SECURITY VIOLATION")).toList();
    }

    static VrrpInstanceSpec named(Built b, String name) {
        return b.config().vrrpInstances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void ownerIgnoreAdvertsIsForAddressOwnersOnly() {
        var b = build(List.of(List.of("global_defs {", "  vrrp_owner_ignore_adverts", "}"),
                instance("OWNER", 255),
                instance("OWNER_OFF", 255, "  owner_ignore_adverts false"),
                instance("PLAIN", 100),
                instance("PLAIN_ON", 100, "  owner_ignore_adverts")));
        assertTrue(named(b, "OWNER").ownerIgnoreAdverts(), "the global default");
        assertFalse(named(b, "OWNER_OFF").ownerIgnoreAdverts(), "the instance's own word wins");
        assertFalse(named(b, "PLAIN").ownerIgnoreAdverts());
        assertFalse(named(b, "PLAIN_ON").ownerIgnoreAdverts());
        assertEquals(List.of("(PLAIN_ON) ignoring owner_ignore_adverts since priority is not 255"), b.messages());
    }

    @Test
    void ownerIgnoreAdvertsIsOffByDefaultAndOnInStrictMode() {
        var b = build(List.of(instance("OWNER", 255), instance("STRICT", 255, "  strict_mode true"),
                instance("STRICT_OFF", 255, "  strict_mode true", "  owner_ignore_adverts off")));
        assertFalse(named(b, "OWNER").ownerIgnoreAdverts());
        assertTrue(named(b, "STRICT").ownerIgnoreAdverts());
        assertTrue(named(b, "STRICT_OFF").ownerIgnoreAdverts());
        assertTrue(b.messages().contains("(STRICT_OFF) strict_mode with priority 255 requires owner_ignore_adverts"),
                b.messages().toString());
    }

    @Test
    void unicastFaultNoPeerReplacesTheMulticastFallback() {
        var b = build(List.of(instance("NO_PEERS", 100, "  unicast_src_ip 192.0.2.1", "  unicast_fault_no_peer"),
                instance("FALLBACK", 100, "  unicast_src_ip 192.0.2.1"),
                instance("PEERS", 100, "  unicast_fault_no_peer", "  unicast_peer {", "    192.0.2.2", "  }")));
        assertTrue(named(b, "NO_PEERS").unicastFaultNoPeer());
        assertTrue(b.findings().stream().anyMatch(d -> d.severity() == Severity.INFO
                && d.message().equals("(NO_PEERS) Cannot use unicast without any peers - going to fault state")));
        assertEquals(List.of("(FALLBACK) A unicast keyword has been specified without any unicast peers. Defaulting to"
                + " multicast. This usage is deprecated - please update your configuration."), b.messages());
        assertTrue(named(b, "PEERS").isUnicast());
        assertFalse(b.findings().stream().map(Diagnostic::message).anyMatch(m -> m.startsWith("(PEERS)")));
    }

    static final List<String> TRACKERS = List.of(
            "vrrp_script CHK_W {", "  script /bin/true", "  weight 10", "}",
            "vrrp_script CHK_0 {", "  script /bin/true", "}",
            "track_file TF_DEFAULT {", "  file /tmp/jk-tf-default", "}",
            "track_file TF_5 {", "  file /tmp/jk-tf-5", "  weight 5", "}");

    static List<String> trackingBody() {
        return List.of("  track_interface {", "    eth1 weight 10", "    eth2", "  }",
                "  track_script {", "    CHK_W", "    CHK_0", "  }",
                "  track_file {", "    TF_DEFAULT", "    TF_5", "  }");
    }

    static List<String> group(String name, String... extra) {
        var lines = new ArrayList<>(List.of("vrrp_sync_group " + name + " {", "  group {", "    A", "    B", "  }"));
        lines.addAll(List.of(extra));
        lines.add("}");
        return lines;
    }

    static List<String> names(List<TrackRef> refs) {
        return refs.stream().map(r -> r.name() + ":" + (r.weight().isPresent() ? r.weight().getAsInt() : "-")).toList();
    }

    @Test
    void syncGroupMembersLoseTheirWeightsByDefault() {
        var b = build(List.of(TRACKERS, instance("A", 100, trackingBody().toArray(String[]::new)), instance("B", 90),
                group("SG")));
        var a = named(b, "A");
        assertEquals(List.of("eth1:10", "eth2:-"), names(a.trackInterfaces()), "keepalived 2.2.7 says it ignores the"
                + " weight but keeps it");
        assertEquals(List.of("CHK_0:-"), names(a.trackScripts()), "a weighted script is no longer tracked");
        assertEquals(List.of("TF_DEFAULT:0"), names(a.trackFiles()), "default weight 1 becomes 0, weight 5 goes");
        assertEquals(List.of(
                "(A) ignoring eth1 tracked interface weight due to SYNC group",
                "(A) ignoring tracked script CHK_W with weights due to SYNC group",
                "(A) ignoring weight from tracked file TF_DEFAULT due to SYNC group. specify weight 0",
                "(A) ignoring tracked file TF_5 with weight 5 due to SYNC group"), messages(b));
    }

    @Test
    void syncGroupTrackingWeightKeepsThem() {
        for (String keyword : List.of("  sync_group_tracking_weight", "  global_tracking")) {
            var b = build(List.of(TRACKERS, instance("A", 100, trackingBody().toArray(String[]::new)), instance("B", 90),
                    group("SG", keyword)));
            var a = named(b, "A");
            assertEquals(List.of("eth1:10", "eth2:-"), names(a.trackInterfaces()), keyword);
            assertEquals(List.of("CHK_W:-", "CHK_0:-"), names(a.trackScripts()), keyword);
            assertEquals(List.of("TF_DEFAULT:-", "TF_5:-"), names(a.trackFiles()), keyword);
            assertEquals(keyword.contains("global_tracking")
                    ? List.of("(SG) global_tracking is deprecated. Use track_interface/script/file on the sync group")
                    : List.of(), messages(b), keyword);
        }
    }

    @Test
    void anAddressOwnerOutsideGroupsHasNoWeightedTrackers() {
        var b = build(List.of(TRACKERS, instance("OWNER", 255, trackingBody().toArray(String[]::new))));
        var owner = named(b, "OWNER");
        assertEquals(List.of("eth1:10", "eth2:-"), names(owner.trackInterfaces()), "as keepalived 2.2.7, said but not done");
        assertEquals(List.of("CHK_0:-"), names(owner.trackScripts()));
        assertEquals(List.of(new TrackRef("TF_DEFAULT", OptionalInt.of(0), false, owner.trackFiles().get(0).pos())),
                owner.trackFiles());
        assertEquals(List.of(
                "(OWNER) ignoring eth1 tracked interface due to address owner",
                "(OWNER) ignoring tracked script CHK_W with weights due to address_owner",
                "(OWNER) ignoring weight from tracked file TF_DEFAULT due to address_owner. specify weight 0",
                "(OWNER) ignoring tracked file TF_5 with weight 5 due to address_owner"), messages(b));
    }

    @Test
    void anInstanceOutsideGroupsKeepsItsWeights() {
        var b = build(List.of(TRACKERS, instance("A", 100, trackingBody().toArray(String[]::new))));
        assertEquals(List.of("eth1:10", "eth2:-"), names(named(b, "A").trackInterfaces()));
        assertEquals(List.of(), messages(b));
    }

    @Test
    void aSyncGroupsNotifyPriorityChangesIsTheDefaultOfItsMembers() {
        var b = build(List.of(List.of("global_defs {", "  vrrp_notify_priority_changes false", "}"),
                instance("A", 100), instance("B", 90, "  notify_priority_changes false"), instance("C", 80),
                instance("D", 70),
                group("SG", "  notify_priority_changes"),
                List.of("vrrp_sync_group SG2 {", "  group {", "    C", "    A", "  }", "  notify_priority_changes false", "}"),
                List.of("vrrp_sync_group SG3 {", "  group {", "    D", "  }", "}")));
        assertTrue(named(b, "A").notifyPriorityChanges(), "from its group SG (SG2 naming it again is ignored)");
        assertFalse(named(b, "B").notifyPriorityChanges(), "its own word wins");
        assertFalse(named(b, "C").notifyPriorityChanges(), "from SG2");
        assertFalse(named(b, "D").notifyPriorityChanges(), "SG3 says nothing: global_defs");
        var on = build(List.of(List.of("global_defs {", "  vrrp_notify_priority_changes", "}"), instance("A", 100),
                instance("B", 90), group("SG")));
        assertTrue(named(on, "A").notifyPriorityChanges(), "a group that says nothing leaves global_defs' default");
    }

    @Test
    void aSyncGroupWithAnOwnerMemberUnweightsItsOwnTrackers() {
        var b = build(List.of(TRACKERS, instance("A", 255), instance("B", 90),
                group("SG", "  track_interface {", "    eth1 weight 10", "    eth2", "  }",
                        "  track_script {", "    CHK_W", "    CHK_0", "  }",
                        "  track_file {", "    TF_DEFAULT", "    TF_5", "  }")));
        var sg = b.config().vrrpSyncGroups().get(0);
        assertEquals(List.of("eth1:0", "eth2:-"), names(sg.trackInterfaces()));
        assertEquals(List.of("CHK_W:0", "CHK_0:-"), names(sg.trackScripts()));
        assertEquals(List.of("TF_DEFAULT:0", "TF_5:0"), names(sg.trackFiles()));
        assertEquals(List.of(
                "(SG) Cannot have weighted track script 'CHK_W' with member having priority 255 - clearing weight",
                "(SG) Cannot have weighted track file 'TF_DEFAULT' with member having priority 255 - setting weight 0",
                "(SG) Cannot have weighted track file 'TF_5' with member having priority 255 - setting weight 0",
                "(SG) Cannot have weighted track interface 'eth1' with member having priority 255 - clearing weight"),
                messages(b));
        var noOwner = build(List.of(TRACKERS, instance("A", 100), instance("B", 90),
                group("SG", "  track_script {", "    CHK_W", "  }")));
        assertEquals(List.of("CHK_W:-"), names(noOwner.config().vrrpSyncGroups().get(0).trackScripts()));
    }
}
