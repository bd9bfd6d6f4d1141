package io.jkeepalived.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A vrrp_script run through a symlink that is re-pointed while the daemon runs. keepalived (2.2.7, and 2.3's default)
 * resolves a script's path once per reading of the configuration: the old target keeps running until a reload;
 * {@code use_symlink_paths} (2.3.0+, so jkeepalived only) runs the path as written, so the new target runs from its
 * next interval. The scripts append their {@code $0} (the path the kernel was given) to a file.
 */
@Tag("root")
@Timeout(240)
class ScriptSymlinkRootTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"jkeepalived,false", "keepalived,false", "jkeepalived,true"})
    void aRePointedSymlinkIsFollowedOnlyWithUseSymlinkPaths(String impl, boolean useSymlinkPaths) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        if (impl.equals("keepalived")) {
            assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        }
        Path runs = dir.resolve("runs");
        // in other directories than the link: keepalived keeps a link's own name when the real directory has the
        // same file under it (a link beside its target is kept as written)
        Path a = script("v1/a.sh", "echo \"a $0\" >> " + runs);
        Path b = script("v2/b.sh", "echo \"b $0\" >> " + runs);
        Path link = dir.resolve("chk.sh");
        Files.createSymbolicLink(link, a);
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, """
                global_defs {
                    router_id sl
                %s}
                vrrp_script chk {
                    script "%s"
                    interval 1
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    advert_int 1
                    track_script {
                        chk
                    }
                    virtual_ipaddress {
                        192.0.2.110/24
                    }
                }
                """.formatted(useSymlinkPaths ? "    use_symlink_paths\n" : "", link));
        try (var ns = NetNs.create("jksl", impl.charAt(0) + (useSymlinkPaths ? "s" : "d"))) {
            ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
            ns.exec("ip", "link", "set", "eth0", "up");
            ns.exec("ip", "link", "set", "eth1", "up");
            ns.addr("eth0", "192.0.2.1/24");
            Path log = dir.resolve("daemon.log");
            Path pid = dir.resolve("k.pid");
            var cmd = new ArrayList<String>(impl.equals("keepalived") ? List.of("keepalived") : JkeepalivedJvm.command());
            cmd.addAll(List.of("-n", "-l", "-P", "-f", conf.toString(), "-p", pid.toString(),
                    "-r", dir.resolve("vrrp.pid").toString(), "-c", dir.resolve("checkers.pid").toString()));
            Process daemon = new ProcessBuilder(ns.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try {
                Await.until(Duration.ofSeconds(60), "a.sh ran:\n" + read(log), () -> read(runs).contains("a "));
                Files.delete(link);
                Files.createSymbolicLink(link, b);
                int before = lines(runs);
                Await.until(Duration.ofSeconds(30), "three more runs:\n" + read(log), () -> lines(runs) >= before + 3);
                String after = String.join("\n", read(runs).lines().skip(before + 1).toList());
                String expected = useSymlinkPaths ? "b " + link : "a " + a;
                assertTrue(after.lines().allMatch(expected::equals), "runs after the symlink moved, each '" + expected
                        + "':\n" + after);
                if (!useSymlinkPaths) {      // a reload resolves the path again
                    Sh.ok("kill", "-HUP", Files.readString(pid).trim());
                    Await.until(Duration.ofSeconds(60), "b.sh runs after the reload:\n" + read(log),
                            () -> read(runs).contains("b " + b));
                }
            } finally {
                daemon.destroy();
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            }
        }
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n" + body + "\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static int lines(Path p) {
        return (int) read(p).lines().count();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
