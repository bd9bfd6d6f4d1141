package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * notify_deleted, against keepalived 2.2.7 doing the same: a reload removes three instances. The one with
 * notify_deleted is announced DELETED (its notify_deleted script runs), the one without it FAULT (keepalived's old
 * way, still its default; its notify_fault does not run), the one already in FAULT not at all - and none STOP. The
 * instance that stays announces nothing. jkeepalived runs in namespace a, keepalived in b (other VRIDs and VIPs).
 */
@Tag("root")
@Timeout(180)
class NotifyDeletedRootTest {
    private VrrpTestLan lan;
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.besideKeepalived("jkd-deleted");

    /** A script that appends its name and arguments to the node's notify log. */
    private Path script(String node, String name) throws Exception {
        Path s = lab.dir().resolve(node + "-" + name + ".sh");
        Files.writeString(s, "#!/bin/sh\necho \"" + name + " $*\" >> " + lab.dir().resolve(node + "-notify.log") + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    private String instance(String node, String name, String ifname, int vrid, String vip, String... extra)
            throws Exception {
        var sb = new StringBuilder("vrrp_instance " + name + " {\n    state BACKUP\n    interface " + ifname
                + "\n    virtual_router_id " + vrid + "\n    priority 100\n    advert_int 1\n    notify "
                + script(node, "notify") + "\n    notify_fault " + script(node, "fault") + "\n    notify_stop "
                + script(node, "stop") + "\n");
        for (String e : extra) {
            sb.append("    ").append(e).append("\n");
        }
        return sb.append("    virtual_ipaddress {\n        ").append(vip).append("/24\n    }\n}\n").toString();
    }

    private String before(String node, String ifname, int vrid, int vip) throws Exception {
        return "vrrp_script CHK_FAIL {\n    script /bin/false\n    interval 1\n}\n"
                + instance(node, "DEL", ifname, vrid, "192.0.2." + vip, "notify_deleted " + script(node, "deleted"))
                + instance(node, "OLD", ifname, vrid + 1, "192.0.2." + (vip + 1))
                + instance(node, "FLT", ifname, vrid + 2, "192.0.2." + (vip + 2), "track_script {\n        CHK_FAIL\n    }")
                + after(node, ifname, vrid, vip);
    }

    private String after(String node, String ifname, int vrid, int vip) throws Exception {
        return instance(node, "STAY", ifname, vrid + 3, "192.0.2." + (vip + 3));
    }

    private List<String> notifiesSince(String node, int offset) throws Exception {
        Path log = lab.dir().resolve(node + "-notify.log");
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.substring(Math.min(offset, text.length())).lines().sorted().toList();
    }

    private int notifyLength(String node) throws Exception {
        Path log = lab.dir().resolve(node + "-notify.log");
        return Files.exists(log) ? Files.readString(log).length() : 0;
    }

    @Test
    void removedInstancesAreAnnouncedAsKeepalivedDoes() throws Exception {
        lan = lab.lan("d");
        var ours = VrrpNode.jkeepalived("a", lan.a, lab.dir(), before("a", "jkda", 51, 101));
        var theirs = VrrpNode.keepalived("b", lan.b, lab.dir(), before("b", "jkdb", 61, 111));
        lab.own(ours);
        lab.own(theirs);
        ours.start();
        theirs.start();
        for (var node : List.of(ours, theirs)) {
            // keepalived does not log FLT's FAULT (init) when a script holds it there: its script failed is the sign
            await(node + ": DEL, OLD and STAY MASTER, FLT's script failed", 40_000, () -> node.state("DEL").equals("MASTER")
                    && node.state("OLD").equals("MASTER") && node.state("STAY").equals("MASTER")
                    && node.countLines("CHK_FAIL") > 0, node);
        }
        Thread.sleep(1_500);        // the MASTER notifies have run
        int oursBefore = notifyLength("a");
        int theirsBefore = notifyLength("b");

        ours.rewrite(after("a", "jkda", 51, 101));
        theirs.rewrite(after("b", "jkdb", 61, 111));
        Sh.run("kill", "-HUP", Long.toString(ours.pid()));
        Sh.run("kill", "-HUP", Long.toString(theirs.pid()));
        // OLD is worded FAULT but its notify_fault does not run: keepalived picks the script before the word
        var expected = List.of("deleted ", "notify INSTANCE DEL DELETED 100", "notify INSTANCE OLD FAULT 100");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && (notifiesSince("b", theirsBefore).size() < expected.size()
                || notifiesSince("a", oursBefore).size() < expected.size())) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000);        // anything more (a STOP, FLT) would show now
        assertEquals(expected, notifiesSince("b", theirsBefore), "keepalived 2.2.7, all notifies:\n"
                + Files.readString(lab.dir().resolve("b-notify.log")) + theirs.currentLog());
        assertEquals(notifiesSince("b", theirsBefore), notifiesSince("a", oursBefore), ours.currentLog());
        assertEquals("MASTER", ours.state("STAY"));
        assertEquals("FAULT", ours.state("FLT").isEmpty() ? "FAULT" : ours.state("FLT"));
    }

}
