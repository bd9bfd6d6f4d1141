package io.jkeepalived.vrrp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The counters print exactly as keepalived's keepalived.stats (reference dump of samples/keepalived.conf.vrrp). */
class InstanceStatsTest {
    @Test
    void formatMatchesKeepalivedsStatsFile() throws Exception {
        String reference = Files.readString(io.jkeepalived.config.Reference.dir().resolve("dumps/keepalived.stats"));
        String firstBlock = reference.substring(0, reference.indexOf("VRRP Instance: VI_2"));
        var stats = new InstanceStats();
        stats.advertSent = 6;
        stats.becomeMaster = 1;
        assertEquals(firstBlock, stats.format("VI_1"));
    }
}
