package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.vrrp.engine.VrrpEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's weight rules for track_script, track_interface and track_file. */
class TrackerBookTest {
    @TempDir
    Path dir;

    TrackerBook book() throws Exception {
        Path f = dir.resolve("k.conf");
        // the tracked interface is not the instance's own (keepalived ignores that one); dynamic_interfaces lets it
        // be one this host does not have
        Files.writeString(f, """
                global_defs {
                    dynamic_interfaces
                }
                vrrp_script down { script "/bin/true"
                    weight -20 }
                vrrp_script up { script "/bin/true"
                    weight 10 }
                vrrp_script hard { script "/bin/true"
                    weight 0 }
                track_file tf { file /nonexistent
                    weight 5 }
                vrrp_instance A {
                    interface lo
                    virtual_router_id 1
                    track_script {
                        down
                        up
                        hard
                    }
                    track_interface {
                        jkt0 weight -30
                    }
                    track_file {
                        tf
                    }
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                """);
        return TrackerBook.of(ConfigTest.load(f, "", false, new DiagnosticSink()));
    }

    static List<String> summary(List<VrrpEvent.TrackerChanged> events) {
        return events.stream().map(e -> e.instance() + " " + e.priorityDelta() + (e.fault() ? " FAULT" : "")).toList();
    }

    @Test
    void weights() throws Exception {
        var book = book();
        assertEquals(List.of("A 0"), summary(book.status(TrackerBook.scriptKey("down"), true, 0)));
        assertEquals(List.of("A -20"), summary(book.status(TrackerBook.scriptKey("down"), false, 0)));
        assertEquals(List.of("A 10"), summary(book.status(TrackerBook.scriptKey("up"), true, 0)));
        assertEquals(List.of("A 0"), summary(book.status(TrackerBook.scriptKey("up"), false, 0)));
        assertEquals(List.of("A 0 FAULT"), summary(book.status(TrackerBook.scriptKey("hard"), false, 0)));
        assertEquals(List.of("A -30"), summary(book.status(TrackerBook.interfaceKey("jkt0"), false, 0)));
        assertEquals(List.of("A 15"), summary(book.value(TrackerBook.fileKey("tf"), 3, 0)));
        assertEquals(List.of("A 0 FAULT"), summary(book.value(TrackerBook.fileKey("tf"), -60, 0)), "-300 is a FAULT");
    }
}
