package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jkeepalived.vrrp.plan.RoutingNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived 2.3's lookup order of iproute2's name files (rttables.c initialise_list), on temporary directories. */
class IprouteNameFilesTest {
    @TempDir
    Path base;

    private Path write(String relative, String text) throws Exception {
        Path p = base.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private List<String> names(Path etc, Path usr) {
        return IprouteNameFiles.entries(etc, usr, "rt_tables").stream().map(e -> e.id() + " " + e.name()).toList();
    }

    @Test
    void etcOverUsrThenTheDotDFiles() throws Exception {
        Path etc = base.resolve("etc");
        Path usr = base.resolve("usr");
        write("usr/rt_tables", "254 main\n100 fromusr\n");
        write("usr/rt_tables.d/a.conf", "101 usr_a   # only in usr\n");
        write("usr/rt_tables.d/b.conf", "102 usr_b\n");
        write("usr/rt_tables.d/c.txt", "109 not_conf\n");
        write("usr/rt_tables.d/.d.conf", "109 hidden\n");
        assertEquals(List.of("254 main", "100 fromusr", "101 usr_a", "102 usr_b"), names(etc, usr),
                "without an etc directory: the usr file and its .d");
        write("etc/rt_tables", "# comment\n\n0x7b  fromEtc\n200 three fields here\n-1 negative\nx notanumber\n");
        write("etc/rt_tables.d/b.conf", "103 etc_b\n");
        assertEquals(List.of("123 fromEtc", "101 usr_a", "103 etc_b"), names(etc, usr),
                "the etc file replaces the usr one; an etc .d file hides the usr one of its name");
    }

    @Test
    void eachFileIsReadForItsNames() throws Exception {
        write("etc/rt_protos", "99 mine\n");
        write("etc/rt_scopes.d/x.conf", "7 sevenscope\n");
        var tables = IprouteNameFiles.entries(base.resolve("etc"), base.resolve("none"), RoutingNames.RT_PROTOS);
        assertEquals(List.of(new RoutingNames.Entry(99, "mine")), tables);
        assertEquals(List.of(new RoutingNames.Entry(7, "sevenscope")),
                IprouteNameFiles.entries(base.resolve("etc"), base.resolve("none"), RoutingNames.RT_SCOPES));
    }
}
