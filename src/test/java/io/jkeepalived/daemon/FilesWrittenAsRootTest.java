package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.linux.UserAccounts;
import io.jkeepalived.testsupport.Await;
import io.jkeepalived.testsupport.Sh;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * issue 9, as an attacker would try it on the running daemon: {@code nobody} plants symlinks to a root file at
 * the SIGUSR1/SIGUSR2 dump paths ($TMPDIR is a sticky world-writable directory, like /tmp), the pid file and the
 * -t report file. None of them may be followed.
 */
@Tag("root")
class FilesWrittenAsRootTest {
    @TempDir
    Path base;
    Path tmp;
    Path victim;
    Path conf;
    UserPrincipal nobody;

    @BeforeEach
    void attack() throws Exception {
        assumeTrue(UserAccounts.effectiveUid() == 0, "the daemon writes these files as root");
        tmp = Files.createDirectory(base.resolve("tmp"));
        Files.setAttribute(tmp, "unix:mode", 01777);
        victim = base.resolve("shadow");
        Files.writeString(victim, "root:secret\n");
        nobody = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        conf = base.resolve("keepalived.conf");
        Files.writeString(conf, "global_defs {\n    router_id files\n}\n");
    }

    private Path plant(String name) throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve(name), victim);
        Files.getFileAttributeView(link, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        return link;
    }

    private static List<String> java() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp,
                "io.jkeepalived.Main");
    }

    @Test
    void dumpsAndPidFilesNeverFollowAPlantedSymlink() throws Exception {
        plant("keepalived.data");
        plant("keepalived.stats");
        Path pid = plant("keepalived.pid");
        Path log = base.resolve("daemon.log");
        var cmd = new ArrayList<>(java());
        cmd.addAll(List.of("-n", "-l", "-f", conf.toString(), "-p", pid.toString(), "-r", tmp.resolve("vrrp.pid").toString(),
                "-c", tmp.resolve("checkers.pid").toString()));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("TMPDIR", tmp.toString());
        Process daemon = pb.start();
        try {
            Await.until(Duration.ofSeconds(30), "the daemon to start", () -> read(log).contains("Startup complete"));
            Sh.ok("kill", "-USR1", Long.toString(daemon.pid()));
            Sh.ok("kill", "-USR2", Long.toString(daemon.pid()));
            Await.until(Duration.ofSeconds(10), "both dumps to be refused",
                    () -> read(log).contains("Cannot write " + tmp.resolve("keepalived.data"))
                            && read(log).contains("Cannot write " + tmp.resolve("keepalived.stats")));
            assertTrue(read(log).contains("Unable to write pid file " + pid), read(log));
            assertTrue(read(log).contains("symbolic link"), read(log));
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        assertEquals("root:secret\n", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(pid), "another process's pid file (here: the planted link) is not removed");
    }

    /**
     * state_dump_file and stats_dump_file move the dumps (a directory ending in '/', or a file whose extension keeps
     * the instance name before it with data_use_instance), and a symlink planted at a configured path is not followed.
     */
    @Test
    void configuredDumpPathsAreUsedAndNotFollowed() throws Exception {
        Path dumps = Files.createDirectory(base.resolve("dumps"));
        Files.setAttribute(dumps, "unix:mode", 01777);
        Files.writeString(conf, "instance lb1\nglobal_defs {\n    router_id files\n    data_use_instance\n"
                + "    state_dump_file " + dumps + "/state.txt\n    stats_dump_file " + dumps + "/\n}\n");
        Path log = base.resolve("daemon-paths.log");
        var cmd = new ArrayList<>(java());
        cmd.addAll(List.of("-n", "-l", "-f", conf.toString(), "-p", tmp.resolve("k.pid").toString(), "-r",
                tmp.resolve("vrrp.pid").toString(), "-c", tmp.resolve("checkers.pid").toString()));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("TMPDIR", tmp.toString());
        Process daemon = pb.start();
        try {
            Await.until(Duration.ofSeconds(60), "the daemon to start", () -> read(log).contains("Startup complete"));
            Sh.ok("kill", "-USR1", Long.toString(daemon.pid()));
            Sh.ok("kill", "-USR2", Long.toString(daemon.pid()));
            Path data = dumps.resolve("state.lb1.txt");
            Path stats = dumps.resolve("keepalived.stats");
            Await.until(Duration.ofSeconds(20), "both dumps at the configured paths",
                    () -> read(log).contains("Wrote " + data) && read(log).contains("Wrote " + stats));
            assertTrue(Files.isRegularFile(data, LinkOption.NOFOLLOW_LINKS), "the data dump is written");
            assertTrue(Files.notExists(tmp.resolve("keepalived.data")) && Files.notExists(tmp.resolve("keepalived.lb1.data")),
                    "nothing in $TMPDIR");
            Files.delete(data);
            Files.createSymbolicLink(data, victim);
            Files.getFileAttributeView(data, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
            Sh.ok("kill", "-USR1", Long.toString(daemon.pid()));
            Await.until(Duration.ofSeconds(20), "the planted dump to be refused",
                    () -> read(log).contains("Cannot write " + data));
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        assertEquals("root:secret\n", Files.readString(victim));
    }

    /**
     * The reload options' files: reload_check_config's log and reload_file planted as links in a sticky directory,
     * and a link planted in a world-writable config_save_dir at the name the first reload's copy will get. A SIGHUP
     * writes none of them through the link (the reload file's link is removed, as keepalived unlinks it).
     */
    @Test
    void theReloadOptionsFilesAreNotFollowed() throws Exception {
        Path report = plant("check.log");
        Path flag = plant("reload.flag");
        Path save = Files.createDirectory(base.resolve("save"));
        Files.setAttribute(save, "unix:mode", 01777);
        Files.writeString(conf, "global_defs {\n    router_id files\n    reload_check_config " + report
                + "\n    reload_file " + flag + "\n    config_save_dir " + save + "\n}\n");
        Path log = base.resolve("daemon-reload.log");
        var cmd = new ArrayList<>(java());
        cmd.addAll(List.of("-n", "-l", "-f", conf.toString(), "-p", tmp.resolve("k.pid").toString(), "-r",
                tmp.resolve("vrrp.pid").toString(), "-c", tmp.resolve("checkers.pid").toString()));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process daemon = pb.start();
        try {
            Await.until(Duration.ofSeconds(60), "the daemon to start", () -> read(log).contains("Startup complete"));
            assertTrue(Files.notExists(flag, LinkOption.NOFOLLOW_LINKS), "the reload file is removed once the files are read");
            Path copy = save.resolve("keepalived.conf." + daemon.pid() + ".1");
            Files.createSymbolicLink(copy, victim);
            Files.getFileAttributeView(copy, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
            plant("reload.flag");
            Sh.ok("kill", "-HUP", Long.toString(daemon.pid()));
            Await.until(Duration.ofSeconds(30), "the reload", () -> read(log).contains("Reload finished"));
            assertTrue(read(log).contains("Cannot write config check log " + report), read(log));
            assertTrue(read(log).contains("Failed to create reload file (" + flag + ")"), read(log));
            assertTrue(read(log).contains("Failed to open config_save file " + copy), read(log));
            assertTrue(Files.isRegularFile(save.resolve("keepalived.conf." + daemon.pid() + ".0"), LinkOption.NOFOLLOW_LINKS),
                    "the start-up's copy is written");
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        assertEquals("root:secret\n", Files.readString(victim));
    }

    @Test
    void theConfigTestReportFileIsNotFollowed() throws Exception {
        Path report = plant("report.log");
        var cmd = new ArrayList<>(java());
        cmd.addAll(List.of("--config-test=" + report, "-f", conf.toString()));
        var result = Sh.run(cmd, 60);
        assertEquals(4, result.exit(), result.out());
        assertTrue(result.out().contains("symbolic link"), result.out());
        assertEquals("root:secret\n", Files.readString(victim));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
