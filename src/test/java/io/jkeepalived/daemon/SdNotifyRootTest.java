package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.DatagramListener;
import io.jkeepalived.testsupport.KernelClock;
import io.jkeepalived.testsupport.Daemon;
import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 2: the real daemon (VRRP with two instances, the checker with two real servers, in a namespace of
 * its own) started with NOTIFY_SOCKET and WATCHDOG_USEC as systemd's Type=notify unit starts it: READY=1 once both
 * run, STATUS lines a person reads, WATCHDOG=1 pings that stop while a supervised loop is dead and come back once it
 * runs, RELOADING=1 with MONOTONIC_USEC then READY=1 on SIGHUP, STOPPING=1 on SIGTERM; notify scripts do not
 * inherit NOTIFY_SOCKET.
 */
@Tag("root")
@Timeout(180)
class SdNotifyRootTest {
    @TempDir
    Path dir;

    @Test
    void theDaemonTalksToSystemdAsATypeNotifyServiceExpects() throws Exception {
        Assumptions.assumeTrue(Sh.isRoot(), "needs root for a network namespace");
        Path envScript = dir.resolve("env.sh");
        Files.writeString(envScript, "#!/bin/sh\nenv > " + dir.resolve("script-env.txt") + "\n");
        Files.setPosixFilePermissions(envScript, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, """
                global_defs {
                    router_id sdnotify
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        192.0.2.100/24
                    }
                    notify_master %s
                }
                vrrp_instance VI_2 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        192.0.2.101/24
                    }
                }
                virtual_server 192.0.2.50 80 {
                    delay_loop 1
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 18080 {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                    real_server 127.0.0.1 18081 {
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                }
                """.formatted(envScript));
        Path fault = dir.resolve("fault");
        try (var ns = lan(NetNs.create("jkd", "sdn"));
             var web = Daemon.start("listener", ns.inside("python3", "-c", "import socket,time\ns=socket.socket()\n"
                     + "s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\ns.bind(('127.0.0.1',18080))\ns.listen(64)\n"
                     + "while True:\n  c,_=s.accept(); c.close()\n"), dir.resolve("listener.log"));
             var notify = DatagramListener.bind(dir.resolve("notify").toString())) {
            var cmd = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djkeepalived.test.fault=" + fault,
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    FaultInjectingMain.class.getName(), "-n", "-l", "-G", "-D", "-f", conf.toString(),
                    "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString(),
                    "-c", dir.resolve("c.pid").toString()));
            var pb = new ProcessBuilder(ns.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("daemon.log").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("NOTIFY_SOCKET", notify.address());
            pb.environment().put("WATCHDOG_USEC", "1000000");        // a ping every 0.5 s
            Process p = pb.start();
            try {
                int ready = notify.expect(0, Duration.ofSeconds(60), "READY=1", m -> m.startsWith("READY=1\n"));
                String readyLine = notify.received().get(ready);
                assertTrue(readyLine.contains("\nMAINPID=" + p.pid() + "\n"), readyLine);
                assertTrue(readyLine.matches("(?s).*STATUS=2 instances: VI_1 \\w+, VI_2 \\w+; \\d/2 real servers up.*"), readyLine);

                notify.expect(ready, Duration.ofSeconds(30), "STATUS with both instances MASTER and one real server up",
                        "STATUS=2 instances: VI_1 MASTER, VI_2 MASTER; 1/2 real servers up"::equals);
                int ping = notify.expect(ready, Duration.ofSeconds(10), "a watchdog ping", "WATCHDOG=1"::equals);
                notify.expect(ping + 1, Duration.ofSeconds(10), "a second ping", "WATCHDOG=1"::equals);

                Files.writeString(fault, "die");                 // the fault-injection loop dies, and again after each restart
                Await.log(dir.resolve("daemon.log"), "Watchdog ping withheld: Fault-injection subsystem not running");
                int dead = notify.received().size();
                Thread.sleep(2_500);
                assertEquals(0, notify.count(dead, "WATCHDOG=1"::equals), "pings while a loop is dead: " + notify.received()
                        + "\n" + Files.readString(dir.resolve("daemon.log")));
                Files.delete(fault);
                notify.expect(dead, Duration.ofSeconds(15), "pings once the loop runs again", "WATCHDOG=1"::equals);

                int before = notify.received().size();
                long beforeMicros = KernelClock.monotonicMicros();
                Sh.ok("kill", "-HUP", Long.toString(p.pid()));
                int reloading = notify.expect(before, Duration.ofSeconds(20), "RELOADING=1", m -> m.startsWith("RELOADING=1\n"));
                long monotonic = Long.parseLong(notify.received().get(reloading).split("\n")[1].replace("MONOTONIC_USEC=", ""));
                assertTrue(monotonic >= beforeMicros && monotonic <= KernelClock.monotonicMicros(), "MONOTONIC_USEC=" + monotonic);
                notify.expect(reloading, Duration.ofSeconds(30), "READY=1 after the reload", m -> m.startsWith("READY=1\n"));

                String scriptEnv = Files.readString(dir.resolve("script-env.txt"));
                assertFalse(scriptEnv.contains("NOTIFY_SOCKET") || scriptEnv.contains("WATCHDOG_USEC"), scriptEnv);

                int stopFrom = notify.received().size();
                p.destroy();                                      // SIGTERM
                notify.expect(stopFrom, Duration.ofSeconds(20), "STOPPING=1", m -> m.startsWith("STOPPING=1"));
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped");
                assertEquals(0, p.exitValue(), Files.readString(dir.resolve("daemon.log")));
            } finally {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** eth0 (192.0.2.10/24) in the namespace, the end of a veth pair whose peer is up there too: no dummy module here. */
    static NetNs lan(NetNs ns) {
        try {
            ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0p");
            ns.exec("ip", "link", "set", "eth0p", "up");
            ns.exec("ip", "link", "set", "eth0", "up");
            return ns.addr("eth0", "192.0.2.10/24");
        } catch (RuntimeException e) {
            ns.close();              // not yet in the caller's try-with-resources
            throw e;
        }
    }

    /** Waits for a line in the daemon's own log. */
    private static final class Await {
        static void log(Path log, String text) throws Exception {
            long end = System.nanoTime() + 20_000_000_000L;
            while (!(Files.exists(log) && Files.readString(log).contains(text))) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("no '" + text + "' in the daemon's log:\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }
}
