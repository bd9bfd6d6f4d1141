package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Changes sent many to a datagram (what IPVS programming at start uses) against the real kernel: every change is
 * applied in order, a refused one is named by its own index and does not stop the ones after it, in any datagram.
 */
@Tag("root")
class NetlinkChangeAllRootTest {
    private NetNs ns;

    @BeforeEach
    void namespace() {
        RootNs.assumeRoot();
        ns = RootNs.create("nlall");
    }

    @AfterEach
    void remove() {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void appliesEveryChangeAndNamesEachRefusalByIndex() throws Exception {
        int count = 3 * NetlinkSocket.CHANGES_PER_DATAGRAM + 7;
        // duplicates: inside the first datagram, as the last change of the second one, and the very last change
        var duplicates = List.of(5, 2 * NetlinkSocket.CHANGES_PER_DATAGRAM - 1, count - 1);
        var changes = new ArrayList<byte[]>();
        var addresses = new ArrayList<InetAddress>();
        int lo = RootNs.ifindex(ns, "lo");
        for (int i = 0; i < count; i++) {
            int n = duplicates.contains(i) ? 0 : i;
            var a = InetAddress.getByName("198.18." + (n / 250) + "." + (n % 250 + 1));
            addresses.add(a);
            changes.add(RtnetlinkCodec.addressRequest(RtnetlinkCodec.RTM_NEWADDR, InterfaceAddress.of(lo, a, 32), 0));
        }
        Map<Integer, SyscallException> refused = RootNs.in(ns, () -> {
            try (var socket = NetlinkSocket.open(0, false, ReceiveBuffer.DEFAULT)) {
                return socket.changeAll(changes, 1000, i -> "RTM_NEWADDR " + addresses.get(i).getHostAddress(), "rtnetlink");
            }
        });

        assertEquals(duplicates, List.copyOf(refused.keySet()));
        for (var e : refused.values()) {
            assertEquals(Errno.EEXIST, e.errno(), e.getMessage());
            assertTrue(e.getMessage().startsWith("RTM_NEWADDR 198.18.0.1"), e.getMessage());
        }
        String shown = ns.exec("ip", "-4", "-o", "addr", "show", "dev", "lo");
        int distinct = count - duplicates.size(); // the duplicates repeat change 0's 198.18.0.1
        assertEquals(distinct, shown.lines().filter(l -> l.contains(" 198.18.")).count(), shown);
    }
}
