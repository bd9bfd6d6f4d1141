package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.JkeepalivedJvm;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * iproute_etc_dir / iproute_usr_dir: a table named only in the etc directory's rt_tables, a protocol named in the usr
 * directory's rt_protos.d and a scope in the usr rt_scopes (the etc directory has none) are what the kernel gets for a
 * static route and an instance's virtual route.
 */
@Tag("root")
class IprouteNamesRootTest {
    private NetNs ns;
    private Path dir;
    private Process daemon;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        dir = Files.createTempDirectory("jkd-iproute");
        ns = NetNs.create("jkipr", "a");
        ns.exec("ip", "link", "add", "d0", "type", "veth", "peer", "name", "d1");
        ns.exec("ip", "link", "set", "d0", "up");
        ns.exec("ip", "link", "set", "d1", "up");
        ns.addr("d0", "192.0.2.1/24");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (ns != null) {
            ns.close();
        }
        Sh.run("rm", "-rf", dir.toString());
    }

    @Test
    void routeNamesComeFromTheConfiguredDirectories() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path usr = Files.createDirectories(dir.resolve("usr/rt_protos.d"));
        Files.writeString(etc.resolve("rt_tables"), "123 custom\n");
        Files.writeString(usr.resolve("mine.conf"), "77 myproto\n");
        Files.writeString(dir.resolve("usr/rt_scopes"), "253 nearby\n");
        Files.writeString(dir.resolve("usr/rt_tables"), "124 custom\n");      // hidden by the etc directory's file
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "global_defs {\n    router_id jkipr\n    iproute_etc_dir " + etc + "\n    iproute_usr_dir "
                + dir.resolve("usr") + "\n}\n"
                + "static_routes {\n    198.18.5.0/24 dev d0 table custom protocol myproto scope nearby\n}\n"
                + "vrrp_instance VI_1 {\n    state MASTER\n    interface d0\n    virtual_router_id 61\n    priority 150\n"
                + "    advert_int 1\n    virtual_ipaddress {\n        192.0.2.100/24\n    }\n"
                + "    virtual_routes {\n        198.18.6.0/24 via 192.0.2.254 table custom\n    }\n}\n");
        Path log = dir.resolve("daemon.log");
        var cmd = new ArrayList<>(JkeepalivedJvm.command());
        cmd.addAll(List.of("-n", "-l", "-D", "-f", conf.toString(), "-p", dir.resolve("k.pid").toString(), "-r",
                dir.resolve("v.pid").toString(), "-c", dir.resolve("c.pid").toString()));
        daemon = new ProcessBuilder(ns.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Await.until(Duration.ofSeconds(60), "VI_1 MASTER", () -> read(log).contains("(VI_1) Entering MASTER STATE"));
        Await.until(Duration.ofSeconds(10), "both routes in table 123", () -> {
            String routes = ns.exec("ip", "route", "show", "table", "123");
            return routes.contains("198.18.5.0/24") && routes.contains("198.18.6.0/24");
        });
        String routes = ns.exec("ip", "-d", "route", "show", "table", "123");
        assertTrue(routes.matches("(?s).*198\\.18\\.5\\.0/24 dev d0 proto 77 scope link.*"), routes);
        assertTrue(routes.matches("(?s).*198\\.18\\.6\\.0/24 via 192\\.0\\.2\\.254 dev d0 proto keepalived.*"), routes);
        var other = ns.run("ip", "route", "show", "table", "124");
        assertTrue(other.exit() != 0 || other.out().isBlank(), "the usr directory's rt_tables is not read: " + other.out());
        assertTrue(!read(log).contains("not installed"), read(log));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
