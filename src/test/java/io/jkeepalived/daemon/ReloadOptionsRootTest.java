package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * global_defs' reload options on the real daemon in a namespace, and the same scenario on keepalived 2.2.7: the
 * configuration in force is read back from the kernel (the VIP on eth0), never from our own log only.
 * <ul>
 *   <li>reload_check_config LOG + config_save_dir + reload_file: a SIGHUP with a broken configuration does not
 *       reload (the old VIP stays, the new one never comes), its errors are in LOG, the reload file is gone once
 *       the files were read, each reading was saved; a fixed configuration then reloads and the VRRP data is saved
 *       before and after.</li>
 *   <li>reload_time_file: a reload scheduled a few seconds ahead (UTC date and time) happens then and not before,
 *       and the file is removed; with reload_repeat a time without a date is kept and scheduled again for the
 *       next day.</li>
 * </ul>
 */
@Tag("root")
@Timeout(300)
class ReloadOptionsRootTest {
    private static final String OLD_VIP = "192.0.2.100";
    private static final String NEW_VIP = "192.0.2.101";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"jkeepalived", "keepalived"})
    void aBrokenConfigurationIsCheckedNotLoadedAndEveryReadingIsSaved(String impl) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeKeepalived(impl);
        Path report = dir.resolve("check.log");
        Path save = dir.resolve("save");
        Path flag = dir.resolve("reload.flag");
        String globals = """
                    reload_check_config %s
                    config_save_dir %s/
                    reload_file %s
                """.formatted(report, save, flag);
        try (var ns = NetNs.create("jkrl", impl.substring(0, 1) + "c"); var node = new Node(impl, ns, dir, globals, OLD_VIP, "")) {
            node.awaitVip(OLD_VIP);
            assertTrue(Files.isDirectory(save), "config_save_dir created");
            Path firstCopy = only(save, "keepalived.conf.");
            String copy = Files.readString(firstCopy);
            assertTrue(copy.contains(OLD_VIP) && copy.contains("virtual_router_id 51"), "the configuration as read:\n" + copy);

            Files.writeString(flag, "in progress");     // a generator's flag: gone once the files are read
            node.write(globals, NEW_VIP, "    bogus_keyword 3\n");
            node.hup();
            node.awaitLog("New config failed validation, see " + report + " for details");
            Await.until(Duration.ofSeconds(20), "the reload file removed", () -> !Files.exists(flag));
            assertTrue(Files.readString(report).contains("Unknown keyword 'bogus_keyword'"),
                    "the check's findings in LOG_FILE:\n" + Files.readString(report));
            Thread.sleep(3000);
            assertTrue(node.hasVip(OLD_VIP) && !node.hasVip(NEW_VIP), "the running configuration stays:\n" + node.log());
            assertFalse(node.log().contains("Reload finished") || node.log().contains("Reload complete"), node.log());
            assertEquals(2, files(save, "keepalived.conf.").size(), "the checked configuration was saved too: " + files(save, ""));

            node.write(globals, NEW_VIP, "");
            node.hup();
            node.awaitVip(NEW_VIP);
            Await.until(Duration.ofSeconds(30), "the old VIP removed", () -> !node.hasVip(OLD_VIP));
            Await.until(Duration.ofSeconds(20), "the VRRP data saved around the reload",
                    () -> files(save, "keepalived_vrrp.").size() == 2);
            List<String> dumps = files(save, "keepalived_vrrp.").stream().map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(dumps.get(0).endsWith(".1.post") && dumps.get(1).endsWith(".1.pre"), dumps.toString());
            String pre = Files.readString(save.resolve(dumps.get(1)));
            assertTrue(pre.contains("VI_1"), "the VRRP data before the reload:\n" + pre);
            assertEquals(3, files(save, "keepalived.conf.").size(), files(save, "").toString());
            assertTrue(Files.readString(report).isBlank() || !Files.readString(report).contains("bogus_keyword"),
                    "LOG_FILE holds the last check only:\n" + Files.readString(report));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jkeepalived", "keepalived"})
    void aReloadTimeFileReloadsAtItsTimeAndNotBefore(String impl) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeKeepalived(impl);
        Path timeFile = dir.resolve("reload-at");
        String globals = "    reload_time_file " + timeFile + "\n";
        try (var ns = NetNs.create("jkrl", impl.substring(0, 1) + "t"); var node = new Node(impl, ns, dir, globals, OLD_VIP, "")) {
            node.awaitVip(OLD_VIP);
            node.write(globals, NEW_VIP, "");
            Instant at = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
            Files.writeString(timeFile, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(at.atZone(ZoneOffset.UTC)) + "Z\n");
            node.awaitLog("Scheduling reload for");
            while (Instant.now().isBefore(at.minusMillis(1500))) {
                assertTrue(node.hasVip(OLD_VIP) && !node.hasVip(NEW_VIP), "no reload before " + at + ":\n" + node.log());
                Thread.sleep(300);
            }
            node.awaitVip(NEW_VIP);
            assertFalse(Instant.now().isBefore(at), "reloaded at " + Instant.now() + ", scheduled for " + at);
            assertFalse(Files.exists(timeFile), "the file goes once the reload is done");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jkeepalived", "keepalived"})
    void withReloadRepeatATimeWithoutDateStaysAndIsScheduledForTheNextDay(String impl) throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for namespaces");
        assumeKeepalived(impl);
        Path timeFile = dir.resolve("reload-daily");
        String globals = "    reload_time_file " + timeFile + "\n    reload_repeat\n";
        try (var ns = NetNs.create("jkrl", impl.substring(0, 1) + "r"); var node = new Node(impl, ns, dir, globals, OLD_VIP, "")) {
            node.awaitVip(OLD_VIP);
            node.write(globals, NEW_VIP, "");
            Instant at = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
            Files.writeString(timeFile, DateTimeFormatter.ofPattern("HH:mm:ss").format(at.atZone(ZoneOffset.UTC)) + "Z\n");
            node.awaitVip(NEW_VIP);
            assertFalse(Instant.now().isBefore(at), "reloaded at " + Instant.now() + ", scheduled for " + at);
            assertTrue(Files.exists(timeFile), "reload_repeat keeps a time without a date");
            Await.until(Duration.ofSeconds(20), "the next reload scheduled a day later:\n" + node.log(),
                    () -> node.log().split("Scheduling reload for", -1).length == 3);
        }
    }

    private static void assumeKeepalived(String impl) {
        if (impl.equals("keepalived")) {
            assumeTrue(Sh.run("which", "keepalived").exit() == 0, "needs Debian's keepalived");
        }
    }

    private static Path only(Path dir, String prefix) throws IOException {
        var found = files(dir, prefix);
        assertEquals(1, found.size(), found.toString());
        return found.getFirst();
    }

    private static List<Path> files(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** jkeepalived or keepalived (VRRP only) in {@code ns} with one instance, MASTER on eth0 with one VIP. */
    static final class Node implements AutoCloseable {
        private final Process process;
        private final NetNs ns;
        private final Path log;
        private final Path conf;
        private final Path pidFile;

        Node(String impl, NetNs ns, Path dir, String globals, String vip, String extra) throws IOException {
            this.ns = ns;
            ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
            ns.exec("ip", "link", "set", "eth0", "up");
            ns.exec("ip", "link", "set", "eth1", "up");
            ns.addr("eth0", "192.0.2.1/24");
            conf = dir.resolve(impl + ".conf");
            write(globals, vip, extra);
            log = dir.resolve(impl + ".log");
            pidFile = dir.resolve(impl + ".pid");
            var cmd = new ArrayList<String>(impl.equals("keepalived") ? List.of("keepalived") : JkeepalivedJvm.command());
            cmd.addAll(List.of("-n", "-l", "-D", "-P", "-f", conf.toString(), "-p", pidFile.toString(),
                    "-r", dir.resolve(impl + "-vrrp.pid").toString(), "-c", dir.resolve(impl + "-checkers.pid").toString()));
            process = new ProcessBuilder(ns.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        }

        void write(String globals, String vip, String extra) throws IOException {
            Files.writeString(conf, """
                    global_defs {
                        router_id rl
                    %s}
                    # a comment line
                    vrrp_instance VI_1 {
                        state MASTER
                        interface eth0
                        virtual_router_id 51
                        priority 100   # a comment after a word
                        advert_int 1
                    %s    virtual_ipaddress {
                            %s/24
                        }
                    }
                    """.formatted(globals, extra, vip));
        }

        /** SIGHUP to the parent process (ip netns exec runs it: it is the process we started). */
        void hup() throws IOException {
            String pid = Files.readString(pidFile).trim();
            Sh.ok("kill", "-HUP", pid);
        }

        boolean hasVip(String vip) {
            return ns.run("ip", "-4", "addr", "show", "dev", "eth0").out().contains(" " + vip + "/");
        }

        void awaitVip(String vip) {
            Await.until(Duration.ofSeconds(60), vip + " on eth0:\n" + log(), () -> {
                assertTrue(process.isAlive(), "the daemon ended:\n" + log());
                return hasVip(vip);
            });
        }

        void awaitLog(String line) {
            Await.until(Duration.ofSeconds(60), "'" + line + "' in the log:\n" + log(), () -> log().contains(line));
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
