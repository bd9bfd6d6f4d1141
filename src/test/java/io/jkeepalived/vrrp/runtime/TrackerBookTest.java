package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * track_group: the group's instances track each static entry's interface (address dev, route dev, rule iif)
     * with weight 0 (FAULT when down); an instance's own weighted track_interface on it becomes weight 0, as
     * keepalived's add_vrrp_to_interface does; no_track entries, unknown members and other groups are left out.
     */
    @Test
    void trackGroupTracksStaticEntryInterfacesUnweighted() throws Exception {
        Path f = dir.resolve("tg.conf");
        Files.writeString(f, """
                global_defs {
                    dynamic_interfaces
                }
                track_group G {
                    group {
                        A B
                        NOPE
                    }
                }
                track_group H {
                    group {
                        B
                    }
                }
                static_ipaddress {
                    192.0.2.10/24 dev jka0 track_group G
                    192.0.2.11/24 dev jkn0 track_group G no_track
                }
                static_routes {
                    198.51.100.0/24 dev jkr0 track_group G
                }
                static_rules {
                    from 203.0.113.0/24 iif jki0 table 100 priority 100 track_group H
                }
                vrrp_instance A {
                    interface lo
                    virtual_router_id 1
                    track_interface {
                        jka0 weight -30
                    }
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                vrrp_instance B {
                    interface lo
                    virtual_router_id 2
                    virtual_ipaddress {
                        192.0.2.101
                    }
                }
                """);
        var sink = new DiagnosticSink();
        var book = TrackerBook.of(ConfigTest.load(f, "", false, sink));
        assertEquals(List.of("A 0 FAULT", "B 0 FAULT"), summary(book.status(TrackerBook.interfaceKey("jka0"), false, 0)));
        assertEquals(List.of("A 0", "B 0"), summary(book.status(TrackerBook.interfaceKey("jka0"), true, 0)));
        assertEquals(List.of("A 0 FAULT", "B 0 FAULT"), summary(book.status(TrackerBook.interfaceKey("jkr0"), false, 0)));
        assertEquals(List.of("B 0 FAULT"), summary(book.status(TrackerBook.interfaceKey("jki0"), false, 0)));
        assertEquals(List.of(), summary(book.status(TrackerBook.interfaceKey("jkn0"), false, 0)), "no_track");
        assertTrue(sink.findings().stream().anyMatch(d -> d.message().contains(
                "vrrp instance NOPE specified in track group G doesn't exist - ignoring")), sink.findings().toString());
    }
}
