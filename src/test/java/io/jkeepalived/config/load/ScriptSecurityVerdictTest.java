package io.jkeepalived.config.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -t} on script-security cases, run side by side with the real keepalived -t (Debian's 2.2.7) in a
 * namespace with an eth0: the same exit code, and every line keepalived prints is one of ours. Scripts sit in
 * a root-only directory or in a world-writable (0777) one.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptSecurityVerdictTest {
    @TempDir
    static Path dir;
    private NetNs ns;

    @BeforeAll
    void setUp() throws Exception {
        Assumptions.assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        Assumptions.assumeTrue(Sh.run("sh", "-c", "command -v keepalived").exit() == 0, "keepalived is not installed");
        Assumptions.assumeTrue(Sh.run("getent", "passwd", "keepalived_script").exit() != 0,
                "the verdicts below are for a host without a keepalived_script user");
        ns = NetNs.create("jkss", "verdict");
        ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "peth0");
        ns.exec("ip", "link", "set", "eth0", "up");
        for (String d : new String[] {"open", "safe"}) {
            Path sub = Files.createDirectories(dir.resolve(d));
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString(d.equals("open") ? "rwxrwxrwx" : "rwxr-xr-x"));
            Path script = sub.resolve("chk.sh");
            Files.writeString(script, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @AfterAll
    void cleanUp() {
        if (ns != null) {
            ns.close();
        }
    }

    Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no security, root script, 0777 directory", "", "open", false),
                Arguments.of("no security, root script, safe directory", "", "safe", false),
                Arguments.of("security, no keepalived_script user", "enable_script_security", "open", false),
                Arguments.of("security, script_user root, 0777 directory", "enable_script_security\n  script_user root", "open", false),
                Arguments.of("security, script_user root, safe directory", "enable_script_security\n  script_user root", "safe", false),
                Arguments.of("script_user root, 0777 directory", "script_user root", "open", false),
                Arguments.of("MISC_CHECK, no security, 0777 directory", "", "open", true),
                Arguments.of("MISC_CHECK, security, script_user root, 0777 directory", "enable_script_security\n  script_user root",
                        "open", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameVerdictAsKeepalived(String name, String globals, String where, boolean misc) throws Exception {
        Path script = dir.resolve(where).resolve("chk.sh");
        Path conf = dir.resolve("keepalived-" + name.replaceAll("[^a-zA-Z0-9]", "_") + ".conf");
        Files.writeString(conf, "global_defs {\n  router_id t\n  " + globals + "\n}\n" + (misc ? """
                virtual_server 192.0.2.100 80 {
                  delay_loop 6
                  lb_kind NAT
                  protocol TCP
                  real_server 192.0.2.11 80 {
                    MISC_CHECK {
                      misc_path "%s"
                    }
                  }
                }
                """ : """
                vrrp_script chk {
                  script "%s"
                  interval 2
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface eth0
                  virtual_router_id 51
                  priority 100
                  virtual_ipaddress {
                    192.0.2.10/24
                  }
                  track_script {
                    chk
                  }
                }
                """).formatted(script));
        var theirs = ns.run("keepalived", "-t", "-f", conf.toString());
        var java = ProcessHandle.current().info().command().orElse("java");
        var classes = Path.of(ConfigTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        var ours = ns.run(java, "-cp", classes, ConfigTest.class.getName(), "-f", conf.toString());
        assertEquals(theirs.exit(), ours.exit(), name + "\nkeepalived:\n" + theirs.out() + "\nours:\n" + ours.out());
        for (String line : theirs.out().split("\n")) {
            String text = line.replaceFirst("^\\(.*?: Line \\d+\\) ", "").strip();
            if (!text.isEmpty()) {
                assertTrue(ours.out().contains(text), name + ": no finding saying: " + text + "\nours:\n" + ours.out());
            }
        }
    }
}
