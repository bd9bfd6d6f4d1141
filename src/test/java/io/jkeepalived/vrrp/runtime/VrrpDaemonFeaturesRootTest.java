package io.jkeepalived.vrrp.runtime;

import static io.jkeepalived.vrrp.runtime.VrrpNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.NetworkNamespace;
import io.jkeepalived.linux.RawVrrpSocket;
import io.jkeepalived.linux.VrrpSocketSpec;
import io.jkeepalived.testsupport.Sh;
import java.io.BufferedReader;
import java.io.FileReader;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jkeepalived daemon's surroundings on a real LAN: floods of bogus packets and adverts for other VRIDs
 * (no state change, bounded logging), notify scripts with keepalived's arguments, the notify FIFO,
 * notify_stop at shutdown, vrrp_script weights moving the master, track_file putting an instance in FAULT,
 * and the SIGUSR1 / SIGUSR2 dumps.
 */
@Tag("root")
@Timeout(180)
class VrrpDaemonFeaturesRootTest {
    private VrrpTestLan lan;
    @RegisterExtension
    final VrrpRootLab lab = VrrpRootLab.alone("jkd-vrrpf");

    private VrrpNode jk(String name, VrrpTestLan lan, boolean first, TestConf conf) throws Exception {
        var n = VrrpNode.jkeepalived(name, first ? lan.a : lan.b, lab.dir(), conf.render());
        lab.own(n);
        return n;
    }

    @Test
    void floodsOfBogusPacketsAndOtherVridsChangeNothingAndAreLoggedBoundedly() throws Exception {
        lan = lab.lan("f");
        // a first, so b never times out at start: the counts below must start from a settled pair
        var a = jk("a", lan, true, new TestConf("v2-pass", "jkda", 150, "")).start();
        await("a MASTER", 30_000, () -> a.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, TestConf.VIP4), a);
        var b = jk("b", lan, false, new TestConf("v2-pass", "jkdb", 100, "")).start();
        await("b BACKUP", 30_000, () -> b.state("VI_1").equals("BACKUP"), b);
        Thread.sleep(1_500);        // b has heard a's adverts
        long enteringA = a.countLines(" Entering "), enteringB = b.countLines(" Entering ");
        long linesA = a.currentLog().lines().count(), linesB = b.currentLog().lines().count();

        RawVrrpSocket flood = NetworkNamespace.call(NetworkNamespace.named(lan.c.name()), () -> Linux.openVrrpSocket(
                VrrpSocketSpec.multicast(StandardProtocolFamily.INET, "jkdc").withSource(InetAddress.getByName("192.0.2.3"))));
        try (flood) {
            byte[] badChecksum = advertV2(51, 254, "jkdpass");
            badChecksum[6] ^= 0x55;
            byte[] wrongPassword = advertV2(51, 254, "guessed");
            byte[] otherVrid = advertV2(99, 254, "jkdpass");
            byte[] truncated = {0x21, 51, (byte) 254};
            byte[] priorityZeroOfAStranger = advertV2(51, 0, "wrong");
            for (int i = 0; i < 2_000; i++) {
                for (byte[] p : List.of(badChecksum, wrongPassword, otherVrid, truncated, priorityZeroOfAStranger)) {
                    flood.send(p, 0, p.length);
                }
            }
        }
        Thread.sleep(4_500);        // longer than the master down interval: a silenced master would be replaced
        assertEquals(enteringA, a.countLines(" Entering "), "a changed state:\n" + a.currentLog());
        assertEquals(enteringB, b.countLines(" Entering "), "b changed state:\n" + b.currentLog());
        assertEquals("MASTER", a.state("VI_1"));
        assertTrue(lan.hasAddress(lan.a, TestConf.VIP4) && !lan.hasAddress(lan.b, TestConf.VIP4));
        long newA = a.currentLog().lines().count() - linesA, newB = b.currentLog().lines().count() - linesB;
        System.out.println("[vrrpd] flood of 10000 bad packets: " + newA + " log lines on the master, " + newB + " on the backup");
        assertTrue(newA < 60 && newB < 60, "bounded logging: " + newA + " / " + newB + " new lines\n" + a.currentLog());
        assertTrue(a.currentLog().contains("more like this suppressed") || b.currentLog().contains("more like this suppressed")
                || newA + newB > 0, "the bad packets are mentioned");
    }

    /** A VRRPv2 advert with PASS auth for VIP 192.0.2.100 (the VRRP part only: the kernel adds the IP header). */
    static byte[] advertV2(int vrid, int priority, String password) {
        byte[] p = new byte[20];
        p[0] = 0x21;
        p[1] = (byte) vrid;
        p[2] = (byte) priority;
        p[3] = 1;
        p[4] = 1;
        p[5] = 1;
        p[8] = (byte) 192;
        p[9] = 0;
        p[10] = 2;
        p[11] = 100;
        byte[] pw = password.getBytes();
        System.arraycopy(pw, 0, p, 12, Math.min(8, pw.length));
        int sum = 0;
        for (int i = 0; i < p.length; i += 2) {
            sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int ck = ~sum & 0xffff;
        p[6] = (byte) (ck >> 8);
        p[7] = (byte) ck;
        return p;
    }

    @Test
    void notifiesTrackersAndDumps() throws Exception {
        lan = lab.lan("t");
        Path notifyLog = lab.dir().resolve("notify.log");
        script("notify.sh", "echo \"$@\" >> " + notifyLog);
        script("master.sh", "echo master >> " + lab.dir().resolve("master.log"));
        script("stop.sh", "sleep 0.3; echo stopped >> " + lab.dir().resolve("stop.log"));
        script("check.sh", "test -f " + lab.dir().resolve("healthy"));
        script("fifo-reader.sh", "echo \"$@\" > " + lab.dir().resolve("fifo-reader.log"));
        Files.writeString(lab.dir().resolve("healthy"), "");
        Files.writeString(lab.dir().resolve("tf"), "0\n");
        Path fifo = lab.dir().resolve("notify.fifo");
        String extra = "    notify " + lab.dir().resolve("notify.sh") + "\n"
                + "    notify_master " + lab.dir().resolve("master.sh") + "\n"
                + "    notify_stop " + lab.dir().resolve("stop.sh") + "\n"
                + "    track_script {\n        chk\n    }\n"
                + "    track_file {\n        tf weight 0\n    }\n";
        String head = "global_defs {\n    vrrp_notify_fifo " + fifo + "\n    vrrp_notify_fifo_script " + lab.dir().resolve("fifo-reader.sh")
                + "\n}\n"
                + "vrrp_script chk {\n    script " + lab.dir().resolve("check.sh") + "\n    interval 1\n    weight -60\n}\n"
                + "track_file tf {\n    file " + lab.dir().resolve("tf") + "\n}\n";
        var confA = new TestConf("v3", "jkda", 150, extra);
        var a = VrrpNode.jkeepalived("a", lan.a, lab.dir(), head + confA.render().replace("global_defs {\n    router_id jkd_jkda\n}\n", ""));
        lab.own(a);
        var b = jk("b", lan, false, new TestConf("v3", "jkdb", 100, ""));
        a.start();
        var fifoLines = new CopyOnWriteArrayList<String>();
        await("the FIFO exists", 20_000, () -> Files.exists(fifo), a);
        Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new FileReader(fifo.toFile()))) {
                for (String line; (line = r.readLine()) != null; ) {
                    fifoLines.add(line);
                }
            } catch (Exception ignored) {
                // the test ended
            }
        });
        b.start();
        await("a MASTER", 30_000, () -> a.state("VI_1").equals("MASTER") && b.state("VI_1").equals("BACKUP"), a, b);
        await("notify scripts ran", 5_000, () -> read(notifyLog).contains("INSTANCE VI_1 MASTER 150")
                && read(lab.dir().resolve("master.log")).contains("master"), a);
        assertTrue(read(notifyLog).contains("INSTANCE VI_1 BACKUP 150"), read(notifyLog));
        await("FIFO lines", 5_000, () -> fifoLines.contains("INSTANCE \"VI_1\" MASTER 150"), a);
        assertEquals(fifo + "\n", read(lab.dir().resolve("fifo-reader.log")), "vrrp_notify_fifo_script ran with the FIFO's path");

        // the script fails: 150 - 60 = 90 < 100, so b preempts
        Files.delete(lab.dir().resolve("healthy"));
        await("b takes over when a's script fails", 15_000, () -> b.state("VI_1").equals("MASTER")
                && a.state("VI_1").equals("BACKUP") && lan.hasAddress(lan.b, TestConf.VIP4), a, b);
        assertTrue(a.currentLog().contains("VRRP_Script(chk) failed"), a.currentLog());
        Files.writeString(lab.dir().resolve("healthy"), "");
        await("a preempts back when its script succeeds", 15_000, () -> a.state("VI_1").equals("MASTER")
                && lan.hasAddress(lan.a, TestConf.VIP4), a, b);
        assertTrue(a.currentLog().contains("VRRP_Script(chk) succeeded"), a.currentLog());

        // track_file with weight 0: a non-zero value is a FAULT
        Files.writeString(lab.dir().resolve("tf"), "1\n");
        await("a FAULT from track_file", 10_000, () -> a.state("VI_1").equals("FAULT") && b.state("VI_1").equals("MASTER"), a, b);
        await("fault notified", 5_000, () -> read(notifyLog).contains("INSTANCE VI_1 FAULT"), a);
        Files.writeString(lab.dir().resolve("tf"), "0\n");
        await("a back from FAULT", 15_000, () -> a.state("VI_1").equals("MASTER"), a, b);

        // dumps
        long before = System.currentTimeMillis() - 1_000;
        Sh.run("kill", "-USR2", Long.toString(a.pid()));
        Sh.run("kill", "-USR1", Long.toString(a.pid()));
        Path stats = Path.of("/tmp/keepalived.stats");
        Path data = Path.of("/tmp/keepalived.data");
        await("stats and data written", 5_000, () -> stats.toFile().lastModified() >= before && data.toFile().lastModified() >= before
                && read(stats).contains("VRRP Instance: VI_1") && read(data).contains(" VRRP Instance = VI_1"), a);
        assertTrue(read(stats).contains("  Became master: "), read(stats));
        assertTrue(read(data).contains("   State = MASTER"), read(data));
        assertTrue(a.log().contains("Printing VRRP stats for process(" + a.pid() + ") on signal"), a.log());
        assertTrue(a.log().contains("Printing VRRP data for process(" + a.pid() + ") on signal"), a.log());

        assertEquals(0, a.term());
        assertTrue(read(lab.dir().resolve("stop.log")).contains("stopped"), "notify_stop ran and was waited for");
        await("STOP notified", 2_000, () -> read(notifyLog).contains("INSTANCE VI_1 STOP"), a);
    }

    @Test
    void dontReleaseVrrpKeepsTheVipsAfterAGracefulStop() throws Exception {
        lan = lab.lan("v");
        var a = jk("a", lan, true, new TestConf("v3-ipv6", "jkda", 150, "")).start("-V");
        await("a MASTER alone", 30_000, () -> a.state("VI_1").equals("MASTER") && lan.hasAddress(lan.a, TestConf.VIP6), a);
        assertEquals(0, a.term());
        assertTrue(a.currentLog().contains("(VI_1) sent 0 priority"), a.currentLog());
        assertTrue(lan.hasAddress(lan.a, TestConf.VIP6), "-V leaves the VIP in place");
    }

    @Test
    void aSyncGroupMovesTogether() throws Exception {
        lan = lab.lan("s");
        Path notifyLog = lab.dir().resolve("group.log");
        script("group.sh", "echo \"$@\" >> " + notifyLog);
        Files.writeString(lab.dir().resolve("tf"), "0\n");
        String a = "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n    notify " + lab.dir().resolve("group.sh") + "\n}\n"
                + "track_file tf {\n    file " + lab.dir().resolve("tf") + "\n}\n"
                + twoInstances("jkda", 150, "    track_file {\n        tf weight 0\n    }\n");
        var na = VrrpNode.jkeepalived("a", lan.a, lab.dir(), a);
        var nb = VrrpNode.jkeepalived("b", lan.b, lab.dir(), twoInstances("jkdb", 100, ""));
        lab.own(na);
        lab.own(nb);
        na.start();
        nb.start();
        await("a MASTER of both", 30_000, () -> na.state("VI_1").equals("MASTER") && na.state("VI_2").equals("MASTER")
                && lan.hasAddress(lan.a, "192.0.2.100") && lan.hasAddress(lan.a, "192.0.2.101")
                && nb.state("VI_1").equals("BACKUP") && nb.state("VI_2").equals("BACKUP"), na, nb);
        await("group notify MASTER", 5_000, () -> read(notifyLog).contains("GROUP G1 MASTER"), na);

        Files.writeString(lab.dir().resolve("tf"), "1\n");       // only VI_2 tracks the file
        await("b takes both when VI_2 of a fails", 15_000, () -> nb.state("VI_1").equals("MASTER")
                && nb.state("VI_2").equals("MASTER") && lan.hasAddress(lan.b, "192.0.2.100")
                && lan.hasAddress(lan.b, "192.0.2.101") && !lan.hasAddress(lan.a, "192.0.2.100"), na, nb);
        await("group notify FAULT", 5_000, () -> read(notifyLog).contains("GROUP G1 FAULT"), na);

        Files.writeString(lab.dir().resolve("tf"), "0\n");
        await("a takes both back", 20_000, () -> na.state("VI_1").equals("MASTER") && na.state("VI_2").equals("MASTER")
                && lan.hasAddress(lan.a, "192.0.2.101") && !lan.hasAddress(lan.b, "192.0.2.101"), na, nb);
    }

    private static String twoInstances(String ifname, int priority, String vi2Extra) {
        var sb = new StringBuilder();
        for (int i = 1; i <= 2; i++) {
            sb.append("vrrp_instance VI_").append(i).append(" {\n    state BACKUP\n    interface ").append(ifname)
                    .append("\n    virtual_router_id ").append(50 + i).append("\n    priority ").append(priority)
                    .append("\n    advert_int 1\n").append(i == 2 ? vi2Extra : "")
                    .append("    virtual_ipaddress {\n        192.0.2.").append(99 + i).append("/24\n    }\n}\n");
        }
        return sb.toString();
    }

    private void script(String name, String body) throws Exception {
        Path p = lab.dir().resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
