package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.lvs.ipvs.IpvsDaemon;
import io.jkeepalived.lvs.ipvs.IpvsDest;
import io.jkeepalived.lvs.ipvs.IpvsReply;
import io.jkeepalived.lvs.ipvs.IpvsRequest;
import io.jkeepalived.lvs.ipvs.IpvsService;
import io.jkeepalived.lvs.ipvs.IpvsStats;
import io.jkeepalived.lvs.ipvs.IpvsTimeouts;
import io.jkeepalived.testsupport.Sh;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Checks of {@link IpvsKernel} against the guest kernel's IPVS, with ipvsadm as the witness. */
final class IpvsKernelGuestChecks {
    private IpvsKernelGuestChecks() {
    }

    static void register(GuestChecks checks) {
        checks.add("kernelProgramsWhatIpvsadmWould", IpvsKernelGuestChecks::programsWhatIpvsadmWould)
                .add("kernelTimeoutsAndSyncDaemons", IpvsKernelGuestChecks::timeoutsAndDaemons)
                .add("kernelErrorsNameTheRequest", IpvsKernelGuestChecks::errorsNameTheRequest);
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    /** The same table the golden capture built with ipvsadm; ipvsadm -S -n must print what it printed then. */
    static void programsWhatIpvsadmWould() throws Exception {
        Sh.ok("ipvsadm", "-C");
        try (var k = IpvsKernel.open()) {
            var web = IpvsService.of(IpvsService.TCP, ip("192.0.2.10"), 80, "rr").withScheduler("rr", IpvsService.F_PERSISTENT, 300, 0xffffff00, "");
            var mark = IpvsService.ofFwmark(IpvsService.AF_INET, 7, "sh").withScheduler("sh", IpvsService.F_SCHED1 | IpvsService.F_SCHED2, 0, -1, "");
            var dns6 = IpvsService.of(IpvsService.UDP, ip("2001:db8::10"), 53, "lc").withScheduler("lc", IpvsService.F_ONEPACKET, 0, 128, "");
            var sip = IpvsService.of(IpvsService.UDP, ip("192.0.2.10"), 5060, "rr").withScheduler("rr", IpvsService.F_PERSISTENT, 60, -1, "sip");
            var nat = IpvsDest.of(ip("198.51.100.2"), 8080, IpvsDest.MASQ, 3);
            var tun = IpvsDest.of(ip("198.51.100.3"), 0, IpvsDest.TUNNEL, 2);
            var gue = new IpvsDest(IpvsService.AF_INET6, ip("2001:db8::2"), 53, IpvsDest.TUNNEL, 1, 0, 0, IpvsDest.TUN_GUE, 6080, IpvsDest.TUN_NOCSUM);
            for (var s : List.of(web, mark, dns6, sip)) {
                k.apply(new IpvsRequest.NewService(s), "add " + s.describe());
            }
            k.apply(new IpvsRequest.NewDest(web, nat), "add nat");
            k.apply(new IpvsRequest.NewDest(mark, tun), "add tun");
            k.apply(new IpvsRequest.NewDest(dns6, gue), "add gue");
            assertEquals("""
                    -A -t 192.0.2.10:80 -s rr -p 300 -M 255.255.255.0
                    -a -t 192.0.2.10:80 -r 198.51.100.2:8080 -m -w 3
                    -A -u 192.0.2.10:5060 -s rr -p 60 --pe sip
                    -A -u [2001:db8::10]:53 -s lc -o
                    -a -u [2001:db8::10]:53 -r [2001:db8::2]:53 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum
                    -A -f 7 -s sh -b sh-fallback,sh-port
                    -a -f 7 -r 198.51.100.3:0 -i -w 2 --tun-type ipip
                    """, Sh.ok("ipvsadm", "-S", "-n"));
            var services = k.services().stream().map(IpvsReply.Service::service).toList();
            assertEquals(4, services.size());
            assertTrue(services.containsAll(List.of(web, mark, dns6, sip)), services.toString());
            assertEquals(List.of(new IpvsReply.Dest(nat, 0, 0, 0, IpvsStats.ZERO)), k.dests(web));
            assertEquals(gue, k.dests(dns6).getFirst().dest());
            k.apply(new IpvsRequest.SetDest(web, nat.withWeight(0)), "drain");
            k.apply(new IpvsRequest.DelDest(mark, tun), "del tun");
            k.apply(new IpvsRequest.DelService(sip), "del sip");
            assertEquals("""
                    -A -t 192.0.2.10:80 -s rr -p 300 -M 255.255.255.0
                    -a -t 192.0.2.10:80 -r 198.51.100.2:8080 -m -w 0
                    -A -u [2001:db8::10]:53 -s lc -o
                    -a -u [2001:db8::10]:53 -r [2001:db8::2]:53 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum
                    -A -f 7 -s sh -b sh-fallback,sh-port
                    """, Sh.ok("ipvsadm", "-S", "-n"));
            k.apply(new IpvsRequest.Flush(), "flush");
            assertEquals("", Sh.ok("ipvsadm", "-S", "-n"));
        }
    }

    static void timeoutsAndDaemons() throws Exception {
        Sh.run("ip", "link", "add", "jksync0", "type", "dummy");
        try (var k = IpvsKernel.open()) {
            Sh.ok("ip", "link", "set", "jksync0", "up");
            k.apply(new IpvsRequest.SetConfig(new IpvsTimeouts(900, 120, 300)), "timeouts");
            assertEquals(new IpvsTimeouts(900, 120, 300), k.timeouts());
            assertEquals("Timeout (tcp tcpfin udp): 900 120 300\n", Sh.ok("ipvsadm", "-L", "--timeout"));
            k.apply(new IpvsRequest.NewDaemon(IpvsDaemon.of(IpvsDaemon.MASTER, "jksync0", 5)), "master");
            k.apply(new IpvsRequest.NewDaemon(new IpvsDaemon(IpvsDaemon.BACKUP, "jksync0", 9, 1400,
                    Optional.of(ip("239.1.2.3")), 8850, 2)), "backup");
            assertEquals("""
                    master sync daemon (mcast=jksync0, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
                    backup sync daemon (mcast=jksync0, syncid=9, maxlen=1400, group=239.1.2.3, port=8850, ttl=2)
                    """, Sh.ok("ipvsadm", "-L", "--daemon"));
            assertEquals(2, k.daemons().size());
            k.apply(new IpvsRequest.DelDaemon(IpvsDaemon.MASTER), "stop master");
            k.apply(new IpvsRequest.DelDaemon(IpvsDaemon.BACKUP), "stop backup");
            assertEquals(List.of(), k.daemons());
            assertEquals("1.2.1", k.info().versionText());
        } finally {
            Sh.run("ip", "link", "del", "jksync0");
        }
    }

    static void errorsNameTheRequest() throws Exception {
        try (var k = IpvsKernel.open()) {
            var s = IpvsService.of(IpvsService.TCP, ip("192.0.2.20"), 80, "nosuchsched");
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.jkeepalived.linux.SyscallException.class,
                    () -> k.apply(new IpvsRequest.NewService(s), "IPVS_CMD_NEW_SERVICE " + s.describe()));
            assertTrue(e.getMessage().startsWith("IPVS_CMD_NEW_SERVICE TCP 192.0.2.20:80"), e.getMessage());
            assertEquals("ENOENT", e.errnoName(), e.getMessage());
        }
    }
}
