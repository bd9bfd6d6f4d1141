package io.jkeepalived.lvs.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The codec against the bytes ipvsadm 1.31 sent to Debian's 6.1 kernel and the bytes the kernel answered,
 * captured on nlmon in a qemu guest by {@code capture-golden.sh} (next to the pcaps).
 */
class IpvsCodecGoldenTest {
    private static final HexFormat HEX = HexFormat.of();

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static void assertSameBytes(String pcap, IpvsRequest request) {
        var golden = NetlinkPcap.read(pcap);
        assertEquals(HEX.formatHex(golden.lastRequest()), HEX.formatHex(IpvsCodec.encode(request, golden.familyId())), pcap);
    }

    private static IpvsService web() throws Exception {
        return IpvsService.of(IpvsService.TCP, ip("192.0.2.10"), 80, "");
    }

    @Test
    void addServiceTcpWrr() throws Exception {
        assertSameBytes("01-add-service-tcp-wrr.pcap", new IpvsRequest.NewService(IpvsService.of(IpvsService.TCP, ip("192.0.2.10"), 80, "wrr")));
    }

    @Test
    void addDestNat() throws Exception {
        assertSameBytes("02-add-dest-nat.pcap", new IpvsRequest.NewDest(web(), IpvsDest.of(ip("198.51.100.2"), 8080, IpvsDest.MASQ, 3)));
    }

    @Test
    void editServicePersistentWithNetmask() throws Exception {
        var s = web().withScheduler("rr", IpvsService.F_PERSISTENT, 300, 0xffffff00, "");
        assertSameBytes("03-edit-service-persist.pcap", new IpvsRequest.SetService(s));
    }

    @Test
    void editDestDrWithThresholds() throws Exception {
        var d = new IpvsDest(IpvsService.AF_INET, ip("198.51.100.2"), 80, IpvsDest.DROUTE, 5, 100, 10, 0, 0, 0);
        assertSameBytes("04-edit-dest-dr-thresholds.pcap", new IpvsRequest.SetDest(web(), d));
    }

    @Test
    void addFwmarkServiceWithSchedulerFlags() {
        var s = IpvsService.ofFwmark(IpvsService.AF_INET, 7, "sh")
                .withScheduler("sh", IpvsService.F_SCHED1 | IpvsService.F_SCHED2, 0, 0xffffffff, "");
        assertSameBytes("05-add-service-fwmark-sh.pcap", new IpvsRequest.NewService(s));
    }

    @Test
    void addTunnelDestToFwmarkService() throws Exception {
        assertSameBytes("06-add-dest-fwmark-tun.pcap", new IpvsRequest.NewDest(IpvsService.ofFwmark(IpvsService.AF_INET, 7, ""),
                IpvsDest.of(ip("198.51.100.3"), 0, IpvsDest.TUNNEL, 2)));
    }

    @Test
    void addUdp6ServiceOnePacket() throws Exception {
        var s = IpvsService.of(IpvsService.UDP, ip("2001:db8::10"), 53, "lc").withScheduler("lc", IpvsService.F_ONEPACKET, 0, 128, "");
        assertSameBytes("07-add-service-udp6-lc.pcap", new IpvsRequest.NewService(s));
    }

    @Test
    void addIpv6GueTunnelDest() throws Exception {
        var d = new IpvsDest(IpvsService.AF_INET6, ip("2001:db8::2"), 53, IpvsDest.TUNNEL, 1, 0, 0, IpvsDest.TUN_GUE, 6080, IpvsDest.TUN_NOCSUM);
        assertSameBytes("08-add-dest6-tun-gue.pcap", new IpvsRequest.NewDest(IpvsService.of(IpvsService.UDP, ip("2001:db8::10"), 53, ""), d));
    }

    @Test
    void addServiceWithSipPersistenceEngine() throws Exception {
        var s = IpvsService.of(IpvsService.UDP, ip("192.0.2.10"), 5060, "rr").withScheduler("rr", IpvsService.F_PERSISTENT, 60, 0xffffffff, "sip");
        assertSameBytes("09-add-service-sip-pe.pcap", new IpvsRequest.NewService(s));
    }

    @Test
    void dumpsAsked() throws Exception {
        var golden = NetlinkPcap.read("11-save.pcap");
        int family = golden.familyId();
        List<byte[]> sent = golden.commands().stream().map(NetlinkPcap::withoutSeqAndPid).toList();
        assertEquals(HEX.formatHex(sent.get(0)), HEX.formatHex(IpvsCodec.encode(new IpvsRequest.GetServices(), family)));
        assertEquals(HEX.formatHex(sent.get(1)), HEX.formatHex(IpvsCodec.encode(new IpvsRequest.GetDests(web()), family)));
        assertEquals(HEX.formatHex(sent.get(4)),
                HEX.formatHex(IpvsCodec.encode(new IpvsRequest.GetDests(IpvsService.ofFwmark(IpvsService.AF_INET, 7, "")), family)));
    }

    @Test
    void deleteDestAndService() throws Exception {
        assertSameBytes("12-del-dest.pcap", new IpvsRequest.DelDest(web(), IpvsDest.of(ip("198.51.100.2"), 8080, IpvsDest.DROUTE, 1)));
        assertSameBytes("13-del-service.pcap", new IpvsRequest.DelService(web()));
    }

    @Test
    void timeouts() {
        assertSameBytes("14-set-timeouts.pcap", new IpvsRequest.SetConfig(new IpvsTimeouts(900, 120, 300)));
        assertSameBytes("15-list-timeouts.pcap", new IpvsRequest.GetConfig());
        var reply = assertInstanceOf(IpvsDecoded.Ok.class, IpvsCodec.decode(NetlinkPcap.read("15-list-timeouts.pcap").answers().getFirst()));
        assertEquals(new IpvsReply.Config(new IpvsTimeouts(900, 120, 300)), reply.reply());
    }

    @Test
    void syncDaemons() throws Exception {
        assertSameBytes("16-start-daemon-master.pcap", new IpvsRequest.NewDaemon(IpvsDaemon.of(IpvsDaemon.MASTER, "jkdummy", 5)));
        assertSameBytes("17-start-daemon-backup-opts.pcap", new IpvsRequest.NewDaemon(
                new IpvsDaemon(IpvsDaemon.BACKUP, "jkdummy", 9, 1400, Optional.of(ip("239.1.2.3")), 8850, 2)));
        assertSameBytes("18-list-daemon.pcap", new IpvsRequest.GetDaemons());
        assertSameBytes("19-stop-daemon-master.pcap", new IpvsRequest.DelDaemon(IpvsDaemon.MASTER));
        assertSameBytes("20-stop-daemon-backup.pcap", new IpvsRequest.DelDaemon(IpvsDaemon.BACKUP));
        assertSameBytes("21-clear.pcap", new IpvsRequest.Flush());
        var reply = assertInstanceOf(IpvsDecoded.Ok.class, IpvsCodec.decode(NetlinkPcap.read("18-list-daemon.pcap").answers().getFirst()));
        assertEquals(new IpvsReply.Daemon(new IpvsDaemon(IpvsDaemon.MASTER, "jkdummy", 5, 1472, Optional.of(ip("224.0.0.81")), 8848, 1)),
                reply.reply());
    }

    @Test
    void decodesTheKernelsDumps() throws Exception {
        var replies = NetlinkPcap.read("11-save.pcap").answers().stream().map(IpvsCodec::decode)
                .map(d -> assertInstanceOf(IpvsDecoded.Ok.class, d).reply()).toList();
        // ipvsadm -S -n printed these (11-save.txt): the sip service first, then the TCP service's NAT dest...
        assertEquals(new IpvsReply.Service(IpvsService.of(IpvsService.UDP, ip("192.0.2.10"), 5060, "rr")
                .withScheduler("rr", IpvsService.F_PERSISTENT, 60, 0xffffffff, "sip"), IpvsStats.ZERO), replies.get(0));
        var nat = assertInstanceOf(IpvsReply.Dest.class, replies.stream().filter(r -> r instanceof IpvsReply.Dest).findFirst().orElseThrow());
        assertEquals(IpvsDest.of(ip("198.51.100.2"), 8080, IpvsDest.MASQ, 3), nat.dest());
        var gue = replies.stream().filter(r -> r instanceof IpvsReply.Dest d && d.dest().tunnelType() == IpvsDest.TUN_GUE)
                .map(IpvsReply.Dest.class::cast).findFirst().orElseThrow();
        assertEquals(new IpvsDest(IpvsService.AF_INET6, ip("2001:db8::2"), 53, IpvsDest.TUNNEL, 1, 0, 0, IpvsDest.TUN_GUE, 6080, 0), gue.dest());
        long services = replies.stream().filter(r -> r instanceof IpvsReply.Service).count();
        assertEquals(4, services);
    }

    @Test
    void decodesInfo() {
        var pcap = NetlinkPcap.read("01-add-service-tcp-wrr.pcap");
        var info = assertInstanceOf(IpvsReply.Info.class, assertInstanceOf(IpvsDecoded.Ok.class, IpvsCodec.decode(pcap.replies().getFirst())).reply());
        assertEquals("1.2.1", info.versionText());
        assertEquals(4096, info.connectionTableSize());
    }
}
