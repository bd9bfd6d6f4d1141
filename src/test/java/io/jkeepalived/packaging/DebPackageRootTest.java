package io.jkeepalived.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.SmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Debian package made by bin/package, installed on this machine with dpkg as an operator would: it runs
 * with no JDK in sight, its units pass systemd-analyze, it leaves an operator's keepalived.conf and the
 * installed keepalived alone, and dpkg -r/-P leave nothing behind. lintian reports no error.
 */
@Tag("root")
@Tag("package")
class DebPackageRootTest {
    private static final Path HOME = Path.of(System.getProperty("jkeepalived.home", ".")).toAbsolutePath();
    private static final Path CONF = Path.of("/etc/keepalived/keepalived.conf");
    private static final Path EXAMPLE = Path.of("/usr/share/doc/jkeepalived/examples/keepalived.conf");
    private static final List<String> UNITS = List.of("jkeepalived.service", "jkeepalived-non-root.service");
    /** A clean environment: no JAVA_HOME, and the only java on this PATH is the system's (17 here), not 25. */
    private static final List<String> CLEAN_ENV = List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin");
    /** Where the package's files (and anything it might leave) can be; other tests' namespaces are not ours. */
    private static final List<Path> WATCHED = List.of(Path.of("/usr"), Path.of("/etc"), Path.of("/var/lib/dpkg/info"),
            Path.of("/var/lib/systemd"), Path.of("/run/jkeepalived"), Path.of("/opt"));
    private static final List<String> NOT_OURS = List.of("/etc/netns/", "/run/netns/");

    private static Path deb;

    @Test
    void lintianReportsNoError() {
        Path pkg = freshDeb();
        if (Sh.run(List.of("sh", "-c", "command -v lintian"), 10).exit() != 0) {
            Sh.run(List.of("sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lintian"), 600);
        }
        assumeTrue(Sh.run(List.of("sh", "-c", "command -v lintian"), 10).exit() == 0,
                "lintian is not installed and apt-get could not install it: lintian check SKIPPED");
        var r = Sh.run(List.of("lintian", pkg.toString()), 600);
        List<String> errors = r.out().lines().filter(l -> l.startsWith("E:")).toList();
        assertEquals(List.of(), errors, "lintian errors:\n" + r.out());
        String findings = r.out().lines().filter(l -> !l.contains("root privileges")).collect(java.util.stream.Collectors.joining("\n"));
        System.out.println("lintian: " + (findings.isBlank() ? "no findings" : "\n" + findings));
    }

    @Test
    void installsBesideKeepalivedRunsWithoutAJdkAndLeavesNothingBehind() throws Exception {
        assumeTrue(Sh.isRoot(), "dpkg -i needs root");
        Path pkg = freshDeb();
        assertFalse(installed(), "jkeepalived is already installed on this machine; this test would remove it");

        byte[] operatorConf = Files.exists(CONF) ? Files.readAllBytes(CONF) : null;
        PosixFileAttributes operatorAttrs = operatorConf == null ? null
                : Files.readAttributes(CONF, PosixFileAttributes.class);
        boolean confDirExisted = Files.isDirectory(CONF.getParent());
        boolean userExisted = hasUser();
        String keepalivedBefore = Sh.run(List.of("dpkg", "-V", "keepalived"), 60).out();
        Set<String> before = snapshot();
        try {
            // 1. An operator's keepalived.conf (the machine's own, or one made for the test) is never touched.
            byte[] conf = operatorConf != null ? operatorConf
                    : "! an operator's keepalived.conf (DebPackageRootTest)\nglobal_defs {\n    router_id op\n}\n"
                            .getBytes(StandardCharsets.UTF_8);
            if (operatorConf == null) {
                Files.createDirectories(CONF.getParent());
                Files.write(CONF, conf);
            }
            dpkg("-i", pkg.toString());
            assertArrayEquals(conf, Files.readAllBytes(CONF), "dpkg -i changed " + CONF);

            runsWithItsOwnRuntime();
            unitsPassSystemdAnalyze();
            nonRootUnitsCapabilitiesSuffice();
            assertTrue(hasUser(), "postinst made no jkeepalived user for jkeepalived-non-root.service");
            assertEquals(keepalivedBefore, Sh.run(List.of("dpkg", "-V", "keepalived"), 60).out(),
                    "installing jkeepalived changed keepalived's files");

            dpkg("-r", "jkeepalived");
            assertArrayEquals(conf, Files.readAllBytes(CONF), "dpkg -r changed " + CONF);
            assertTrue(Files.exists(Path.of("/etc/default/jkeepalived")), "dpkg -r must keep the conffile");
            dpkg("-P", "jkeepalived");
            assertArrayEquals(conf, Files.readAllBytes(CONF), "dpkg -P changed " + CONF);

            // 2. No keepalived.conf: the package installs its harmless one, and purge removes it unchanged.
            Files.delete(CONF);
            dpkg("-i", pkg.toString());
            assertTrue(Files.exists(CONF), "postinst installed no default " + CONF);
            assertArrayEquals(Files.readAllBytes(EXAMPLE), Files.readAllBytes(CONF), CONF + " is not the example");
            assertEquals(0, run(List.of("/usr/sbin/jkeepalived", "-t", "-f", CONF.toString())).exit(),
                    "the default configuration does not pass -t");
            dpkg("-P", "jkeepalived");
            assertFalse(Files.exists(CONF), "purge left the unchanged default " + CONF);
        } finally {
            if (installed()) {
                Sh.run(List.of("dpkg", "-P", "jkeepalived"), 300);
            }
            restore(operatorConf, operatorAttrs, confDirExisted);
        }
        assertEquals(userExisted, hasUser(), "purge must remove the jkeepalived user it made");
        assertEquals(keepalivedBefore, Sh.run(List.of("dpkg", "-V", "keepalived"), 60).out(),
                "jkeepalived's install and purge changed keepalived's files");
        Set<String> after = snapshot();
        assertEquals(Set.of(), diff(after, before), "files left behind by install + purge");
        assertEquals(Set.of(), diff(before, after), "files gone after install + purge");
    }

    /** --version and -t with no JAVA_HOME and no JDK 25 on the PATH, on the package's runtime and AOT cache. */
    private static void runsWithItsOwnRuntime() throws IOException {
        var version = run(List.of("/usr/sbin/jkeepalived", "--version"));
        assertEquals(0, version.exit(), version.out());
        assertTrue(version.out().contains("Keepalived v2.2.7") && version.out().contains("running on")
                && version.out().contains(" 25"), "--version: " + version.out());

        // The JVM it runs is the package's (not /usr/bin/java: that is JDK 17 here, and it must not be used).
        var props = run(List.of("env", "JKEEPALIVED_JAVA_OPTS=-XshowSettings:properties", "/usr/sbin/jkeepalived", "--version"));
        assertTrue(props.out().contains("java.home = /usr/lib/jkeepalived/runtime\n"), "java.home: " + props.out());

        // The AOT cache made at package time serves the installed runtime and jar.
        Path classLog = Files.createTempFile("jkeepalived-class-load", ".log");
        try {
            run(List.of("env", "JKEEPALIVED_JAVA_OPTS=-Xlog:class+load=info:file=" + classLog, "/usr/sbin/jkeepalived", "--version"));
            String loads = Files.readString(classLog);
            assertTrue(loads.contains("io.jkeepalived.Main source: shared objects file"),
                    "the AOT cache is not used: " + loads.lines().filter(l -> l.contains("io.jkeepalived.Main")).toList());
        } finally {
            Files.deleteIfExists(classLog);
        }

        Path dir = Files.createTempDirectory("jkeepalived-deb");
        try {
            Path good = dir.resolve("good.conf");
            Files.writeString(good, """
                    global_defs {
                        router_id deb_test
                    }
                    vrrp_instance VI_1 {
                        state BACKUP
                        interface lo
                        virtual_router_id 51
                        priority 100
                        advert_int 1
                        virtual_ipaddress {
                            192.0.2.10/32
                        }
                    }
                    """);
            var ok = run(List.of("/usr/sbin/jkeepalived", "-t", "-f", good.toString()));
            assertEquals(0, ok.exit(), "-t on a good configuration: " + ok.out());
            Path bad = dir.resolve("bad.conf");
            Files.writeString(bad, "global_defs {\n    router_id deb_test\n    no_such_keyword_here 1\n}\n");
            var notOk = run(List.of("/usr/sbin/jkeepalived", "-t", "-f", bad.toString()));
            assertEquals(5, notOk.exit(), "-t on an unknown keyword: " + notOk.out());
            assertTrue(notOk.out().contains("no_such_keyword_here"), notOk.out());
        } finally {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /**
     * jkeepalived-non-root.service's capabilities are enough for VRRP, and each one is needed. systemd is not
     * PID 1 here, so setpriv does what its User= and AmbientCapabilities= would: the installed launcher, as the
     * unit's user with exactly the unit's capabilities and the unit's ExecStart (its pid files in the unit's
     * RuntimeDirectory, made here as systemd would), becomes MASTER in a namespace and adds its VIP; with one
     * of them less it refuses to start (exit 4, naming what it lacks).
     */
    private static void nonRootUnitsCapabilitiesSuffice() throws Exception {
        String unit = Files.readString(Path.of("/lib/systemd/system/jkeepalived-non-root.service"));
        String user = setting(unit, "User");
        List<String> caps = Arrays.asList(setting(unit, "AmbientCapabilities").split("\\s+"));
        assertEquals(caps, Arrays.asList(setting(unit, "CapabilityBoundingSet").split("\\s+")),
                "the bounding set should be the ambient set");
        List<String> execStart = Arrays.asList(setting(unit, "ExecStart").split("\\s+"));
        Path runtimeDir = Path.of("/run", setting(unit, "RuntimeDirectory"));
        assertFalse(Files.exists(runtimeDir), runtimeDir + " exists already");
        Path dir = Files.createTempDirectory("jkeepalived-non-root");
        try (NetNs ns = NetNs.create("jkdeb", "nonroot")) {
            Files.createDirectory(runtimeDir);
            Sh.ok("chown", user + ":" + user, runtimeDir.toString());
            ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
            ns.exec("ip", "link", "set", "eth0", "up");
            ns.exec("ip", "link", "set", "eth1", "up");
            ns.addr("eth0", "192.0.2.1/24");
            Sh.ok("chmod", "0755", dir.toString());
            Path conf = dir.resolve("keepalived.conf");
            // The alert mail proves the cut-down runtime has what Angus Mail needs (java.desktop is left out).
            boolean mail = SmtpServer.available();
            Path maildir = dir.resolve("maildir");
            Process smtp = null;
            if (mail) {
                for (String sub : List.of("tmp", "new", "cur")) {
                    Files.createDirectories(maildir.resolve(sub));
                }
                smtp = new ProcessBuilder(ns.inside("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:2525",
                        "-c", "aiosmtpd.handlers.Mailbox", maildir.toString())).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("smtp.log").toFile()).start();
                Await.until(Duration.ofSeconds(60), "aiosmtpd listening on 127.0.0.1:2525",
                        () -> ns.run("ss", "-ltn").out().contains("127.0.0.1:2525"));
            } else {
                System.out.println("DebPackageRootTest: no python3-aiosmtpd, the alert mail check is SKIPPED");
            }
            Files.writeString(conf, """
                    global_defs {
                        notification_email {
                            ops@example.org
                        }
                        notification_email_from jkeepalived@example.org
                        smtp_server 127.0.0.1 2525
                        smtp_connect_timeout 10
                    }
                    vrrp_instance VI_1 {
                        smtp_alert
                        state MASTER
                        interface eth0
                        virtual_router_id 51
                        priority 150
                        advert_int 1
                        virtual_ipaddress {
                            192.0.2.10/24
                        }
                    }
                    """);
            Sh.ok("chmod", "0644", conf.toString());
            Process daemon = new ProcessBuilder(ns.inside(asUnitUser(user, caps, execStart, conf).toArray(String[]::new)))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
            try {
                Await.until(Duration.ofSeconds(90), "the non-root daemon's VIP 192.0.2.10 on eth0",
                        () -> ns.run("ip", "-4", "addr", "show", "dev", "eth0").out().contains("192.0.2.10/24")
                                || !daemon.isAlive());
                assertTrue(daemon.isAlive(), "the non-root daemon stopped: " + Files.readString(dir.resolve("daemon.log")));
                assertTrue(Files.exists(runtimeDir.resolve("keepalived.pid")), "no pid file in " + runtimeDir);
            } finally {
                daemon.destroy();                         // SIGTERM: ip netns exec, setpriv and env exec, so it is the JVM
                if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            }
            String log = Files.readString(dir.resolve("daemon.log"));
            assertTrue(log.contains("(VI_1) Entering MASTER STATE"), "non-root daemon: " + log);
            if (smtp != null) {
                try {
                    Await.until(Duration.ofSeconds(30), "the MASTER alert mail",
                            () -> mails(maildir).stream().anyMatch(m -> m.contains("VI_1")));
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("no alert mail; daemon: " + log + "\nsmtp: "
                            + Files.readString(dir.resolve("smtp.log")), e);
                } finally {
                    smtp.destroy();
                    smtp.waitFor(10, TimeUnit.SECONDS);
                    smtp.destroyForcibly();
                }
            }
            for (String missing : caps) {
                var fewer = caps.stream().filter(c -> !c.equals(missing)).toList();
                var r = Sh.run(ns.inside(asUnitUser(user, fewer, execStart, conf).toArray(String[]::new)), 120);
                assertEquals(4, r.exit(), "without " + missing + ": " + r.out());
                assertTrue(r.out().contains("lacks " + missing), "without " + missing + ": " + r.out());
            }
        } finally {
            deleteTree(dir);
            deleteTree(runtimeDir);                       // systemd removes a RuntimeDirectory at stop
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<String> mails(Path maildir) {
        var out = new ArrayList<String>();
        for (String sub : List.of("new", "cur")) {
            try (Stream<Path> s = Files.list(maildir.resolve(sub))) {
                for (Path f : s.toList()) {
                    out.add(Files.readString(f));
                }
            } catch (IOException e) {
                // not there yet
            }
        }
        return out;
    }

    /** The unit's ExecStart as its User= with these capabilities, DAEMON_ARGS being "-l -f CONF". */
    private static List<String> asUnitUser(String user, List<String> caps, List<String> execStart, Path conf) {
        String set = "-all" + caps.stream().map(c -> ",+" + c.toLowerCase().replace("cap_", "")).reduce("", String::concat);
        var cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups",
                "--inh-caps=" + set, "--ambient-caps=" + set, "--bounding-set=" + set));
        cmd.addAll(CLEAN_ENV);
        for (String word : execStart) {
            if (word.equals("$DAEMON_ARGS")) {
                cmd.addAll(List.of("-l", "-f", conf.toString()));
            } else {
                cmd.add(word);
            }
        }
        return cmd;
    }

    private static String setting(String unit, String key) {
        return unit.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1).strip())
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + "= in the unit"));
    }

    /** systemd-analyze verify runs here without systemd as PID 1: it loads the units, checks their
     * settings, that ExecStart's program exists and is executable, and that the man page named exists. */
    private static void unitsPassSystemdAnalyze() {
        var list = new ArrayList<>(List.of("systemd-analyze", "verify"));
        UNITS.forEach(u -> list.add("/lib/systemd/system/" + u));
        var r = Sh.run(list, 120);
        assertEquals(0, r.exit(), "systemd-analyze verify: " + r.out());
        assertEquals("", r.out().strip(), "systemd-analyze verify has something to say");
    }

    private static Sh.Result run(List<String> cmd) {
        var all = new ArrayList<>(CLEAN_ENV);
        all.addAll(cmd);
        return Sh.run(all, 120);
    }

    private static void dpkg(String... args) {
        var cmd = new ArrayList<>(List.of("dpkg"));
        cmd.addAll(List.of(args));
        Sh.run(cmd, 300).check(cmd);
    }

    private static boolean installed() {
        return Sh.run(List.of("dpkg-query", "-W", "-f=${Status}", "jkeepalived"), 30).out().contains("installed")
                || Sh.run(List.of("dpkg-query", "-W", "-f=${Status}", "jkeepalived"), 30).out().contains("config-files");
    }

    private static boolean hasUser() {
        return Sh.run(List.of("getent", "passwd", "jkeepalived"), 10).exit() == 0;
    }

    private static void restore(byte[] operatorConf, PosixFileAttributes attrs, boolean confDirExisted) throws IOException {
        if (operatorConf == null) {
            Files.deleteIfExists(CONF);
            if (!confDirExisted && Files.isDirectory(CONF.getParent())) {
                try (Stream<Path> s = Files.list(CONF.getParent())) {
                    if (s.findAny().isEmpty()) {
                        Files.delete(CONF.getParent());
                    }
                }
            }
            return;
        }
        if (!Files.exists(CONF) || !java.util.Arrays.equals(operatorConf, Files.readAllBytes(CONF))) {
            Files.createDirectories(CONF.getParent());
            Files.write(CONF, operatorConf);
        }
        var view = Files.getFileAttributeView(CONF, PosixFileAttributeView.class);
        Set<PosixFilePermission> perms = attrs.permissions();
        view.setPermissions(perms);
        view.setOwner(attrs.owner());
        view.setGroup(attrs.group());
    }

    /** Every path under the watched directories (not following links), but other tests' namespaces. */
    private static Set<String> snapshot() {
        var paths = new TreeSet<String>();
        for (Path root : WATCHED) {
            if (!Files.exists(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                        paths.add(d.toString());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        paths.add(f.toString());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        return FileVisitResult.CONTINUE;      // vanished while walking (someone else's)
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        paths.removeIf(p -> NOT_OURS.stream().anyMatch(p::startsWith));
        return paths;
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        var d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** target/jkeepalived_*_amd64.deb, made again by bin/package unless newer than everything it is made of. */
    private static synchronized Path freshDeb() {
        if (deb != null) {
            return deb;
        }
        Path existing = newestDeb();
        if (existing == null || newerInputs(existing)) {
            long start = System.nanoTime();
            var cmd = List.of("env", "JAVA_HOME=" + System.getProperty("java.home"), HOME.resolve("bin/package").toString());
            var r = Sh.run(cmd, 1800);
            assertEquals(0, r.exit(), "bin/package: " + r.out());
            System.out.println("bin/package took " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
            existing = newestDeb();
        }
        assertTrue(existing != null, "bin/package made no target/jkeepalived_*_amd64.deb");
        deb = existing;
        return deb;
    }

    private static Path newestDeb() {
        try (Stream<Path> s = Files.list(HOME.resolve("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("jkeepalived_.*_amd64\\.deb"))
                    .max((x, y) -> Long.compare(x.toFile().lastModified(), y.toFile().lastModified())).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean newerInputs(Path debFile) {
        long made = debFile.toFile().lastModified();
        for (String input : List.of("src/main", "src/aot", "packaging", "pom.xml", "bin/package", "bin/jvm.options")) {
            try (Stream<Path> s = Files.walk(HOME.resolve(input))) {
                if (s.anyMatch(p -> p.toFile().lastModified() > made)) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }
}
