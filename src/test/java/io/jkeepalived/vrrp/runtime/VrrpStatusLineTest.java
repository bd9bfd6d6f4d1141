package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The VRRP part of systemd's STATUS= line: names while they fit, counts per state beyond. */
class VrrpStatusLineTest {
    @Test
    void fewInstancesAreNamedManyAreCounted() {
        assertEquals("2 instances: VI_1 MASTER, VI_2 BACKUP",
                VrrpStatusLine.of(List.of(Map.entry("VI_1", VrrpState.MASTER), Map.entry("VI_2", VrrpState.BACKUP))));
        assertEquals("1 instance: VI_1 FAULT", VrrpStatusLine.of(List.of(Map.entry("VI_1", VrrpState.FAULT))));
        var many = new ArrayList<Map.Entry<String, VrrpState>>();
        for (int i = 0; i < 255; i++) {
            many.add(Map.entry("VI_" + i, i < 200 ? VrrpState.MASTER : i < 254 ? VrrpState.BACKUP : VrrpState.INIT));
        }
        assertEquals("255 instances: 200 MASTER, 54 BACKUP, 1 INIT", VrrpStatusLine.of(many));
    }
}
