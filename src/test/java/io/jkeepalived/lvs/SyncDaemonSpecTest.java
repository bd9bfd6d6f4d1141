package io.jkeepalived.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncDaemonSpecTest {
    @Test
    void everyOption() throws Exception {
        var warnings = new ArrayList<String>();
        var spec = SyncDaemonSpec.parse("eth1 VI_1 id 9 maxlen 1400 port 8850 ttl 2 group 239.1.2.3", n -> 51, warnings::add);
        assertEquals(Optional.of(new SyncDaemonSpec("eth1", "VI_1", 9, 1400, 8850, 2, Optional.of(InetAddress.getByName("239.1.2.3")))), spec);
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void idDefaultsToTheInstancesVrid() {
        var spec = SyncDaemonSpec.parse("eth1 VI_1", n -> n.equals("VI_1") ? 51 : 0, m -> { }).orElseThrow();
        assertEquals(51, spec.syncId());
        assertEquals(0, spec.maxLength());
    }

    @Test
    void badWordsAreReportedAndSkipped() {
        var warnings = new ArrayList<String>();
        var spec = SyncDaemonSpec.parse("eth1 VI_1 ttl 300 colour blue id", n -> 7, warnings::add).orElseThrow();
        assertEquals(0, spec.ttl());
        assertEquals(7, spec.syncId());
        assertEquals(3, warnings.size(), warnings.toString());
    }

    @Test
    void interfaceAndInstanceAreRequired() {
        assertEquals(Optional.empty(), SyncDaemonSpec.parse("eth1", n -> 1, m -> { }));
    }
}
