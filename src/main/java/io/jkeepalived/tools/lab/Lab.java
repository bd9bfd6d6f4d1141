package io.jkeepalived.tools.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/jkeepalived lab}: the seeds' topology in network namespaces - two load-balancer nodes and a
 * client on one LAN (a bridge in a switch namespace), a VIP - with a jkeepalived on each node. It shows
 * who is MASTER, stops the master, shows the failover and the client's ping gap, brings the master back,
 * and removes everything it made, also on Ctrl-C. Addresses are from 192.0.2.0/24 inside the namespaces.
 */
public final class Lab {
    static final String VIP = "192.0.2.10";
    private static final boolean VERBOSE = System.getenv("JKEEPALIVED_LAB_VERBOSE") != null;
    private final String prefix;
    private final List<String> command;
    private final PrintStream out;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private Path workDir;

    /**
     * @param jkeepalivedCommand how to start a jkeepalived (java + jar), options are appended
     */
    public Lab(String prefix, List<String> jkeepalivedCommand, PrintStream out) {
        this.prefix = prefix;
        this.command = List.copyOf(jkeepalivedCommand);
        this.out = out;
    }

    public static int main(String[] args, PrintStream out, PrintStream err) {
        if (!"root".equals(System.getProperty("user.name"))) {
            err.println("jkeepalived lab: needs root (it creates network namespaces): run 'sudo bin/jkeepalived lab'");
            return 4;
        }
        if (LabCommands.run(List.of("sh", "-c", "command -v ping && command -v ip"), 5).out().lines().count() < 2) {
            err.println("jkeepalived lab: needs 'ip' (iproute2) and 'ping' (iputils-ping): apt-get install iproute2 iputils-ping");
            return 4;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar;
        try {
            jar = Path.of(Lab.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            err.println("jkeepalived lab: cannot locate jkeepalived's jar: " + e.getMessage());
            return 4;
        }
        var lab = new Lab("jklab" + ProcessHandle.current().pid(), List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-jar", jar), out);
        Thread hook = new Thread(lab::cleanup, "lab-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            lab.runDemo();
            return 0;
        } catch (Exception e) {
            err.println("jkeepalived lab: " + e.getMessage());
            return 1;
        } finally {
            lab.cleanup();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    void runDemo() throws Exception {
        workDir = Files.createTempDirectory("jkeepalived-lab");
        build();
        say("Lab: lb1 (priority 150) and lb2 (priority 100) share VIP " + VIP + " (VRID 51, VRRPv2, PASS auth);"
                + " a client pings the VIP.");
        Process lb1 = startNode("lb1", "MASTER", 150);
        Process lb2 = startNode("lb2", "BACKUP", 100);
        // two JVMs start, then keepalived's rules: 3 adverts + skew before a non-owner MASTER takes over
        waitForOwner("lb1", Duration.ofSeconds(30));
        say("MASTER: " + owners());
        var meter = new PingGapMeter();
        Process ping = startPing(meter);
        sleep(Duration.ofSeconds(2));
        double stopAt = System.currentTimeMillis() / 1000.0;
        say("Stopping lb1 (SIGTERM: it sends priority 0 and releases the VIP) ...");
        lb1.destroy();
        waitForOwner("lb2", Duration.ofSeconds(10));
        double took = System.currentTimeMillis() / 1000.0 - stopAt;
        say(String.format("Failover: VIP now on %s after %.2f s", owners(), took));
        sleep(Duration.ofSeconds(2));
        say("Bringing lb1 back (higher priority, preempts) ...");
        double backAt = System.currentTimeMillis() / 1000.0;
        startNode("lb1", "MASTER", 150);
        waitForOwner("lb1", Duration.ofSeconds(10));
        sleep(Duration.ofSeconds(2));
        say("MASTER again: " + owners());
        ping.destroy();
        ping.waitFor();
        sleep(Duration.ofMillis(200));
        say(String.format("Client (ping every 10 ms, %d replies): longest gap %.0f ms during the failover, %.0f ms"
                + " during the preemption", meter.replies(), meter.longestGapBetween(stopAt, backAt) * 1000,
                meter.longestGapBetween(backAt, Double.MAX_VALUE) * 1000));
        lb2.destroy();
        say("Removing the lab.");
    }

    private void build() {
        // the names carry our pid: two labs at once (or a lab next to a benchmark) must not delete each other's
        String sw = ns("sw");
        LabCommands.must("ip", "netns", "add", sw);
        exec(sw, "ip", "link", "add", "br0", "type", "bridge");
        exec(sw, "ip", "link", "set", "br0", "up");
        int i = 0;
        for (String node : List.of("lb1", "lb2", "client")) {
            String n = ns(node);
            LabCommands.must("ip", "netns", "add", n);
            exec(n, "ip", "link", "set", "lo", "up");
            exec(sw, "ip", "link", "add", "p-" + node, "type", "veth", "peer", "name", "eth0", "netns", n);
            exec(sw, "ip", "link", "set", "p-" + node, "master", "br0");
            exec(sw, "ip", "link", "set", "p-" + node, "up");
            exec(n, "ip", "link", "set", "eth0", "up");
            String addr = node.equals("client") ? "192.0.2.100/24" : "192.0.2." + (11 + i++) + "/24";
            exec(n, "ip", "addr", "add", addr, "dev", "eth0");
        }
    }

    private Process startNode(String node, String state, int priority) throws IOException {
        Path conf = workDir.resolve(node + ".conf");
        Files.writeString(conf, """
                global_defs {
                    router_id %s
                }
                vrrp_instance VI_1 {
                    state %s
                    interface eth0
                    virtual_router_id 51
                    priority %d
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass lab
                    }
                    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(node, state, priority, VIP));
        var cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
        cmd.addAll(command);
        cmd.addAll(List.of("-P", "-n", "-l", "-G", "-f", conf.toString(),
                "-p", workDir.resolve(node + ".pid").toString(), "-r", workDir.resolve(node + "_vrrp.pid").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(p);
        Thread.ofVirtual().start(() -> relay(node, p));
        return p;
    }

    private void relay(String node, Process p) {
        try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (VERBOSE || line.contains("Entering") || line.contains("sent 0 priority") || line.contains("removing VIPs")) {
                    out.println("  [" + node + "] " + line);
                }
            }
        } catch (IOException ignored) {
            // node stopped
        }
    }

    private Process startPing(PingGapMeter meter) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns("client"), "stdbuf", "-oL", "ping", "-D", "-n", "-i", "0.01", VIP)
                .redirectErrorStream(true).start();
        processes.add(p);
        Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(meter::accept);
            } catch (IOException ignored) {
                // ping stopped
            }
        });
        return p;
    }

    private boolean holdsVip(String node) {
        var r = LabCommands.run(List.of("ip", "netns", "exec", ns(node), "ip", "-o", "addr", "show", "dev", "eth0"), 5);
        return r.out().contains(" " + VIP + "/");
    }

    private String owners() {
        var holders = List.of("lb1", "lb2").stream().filter(this::holdsVip).toList();
        return holders.isEmpty() ? "nobody" : String.join(" and ", holders);
    }

    private void waitForOwner(String node, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (owners().equals(node)) {
                return;
            }
            sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException(node + " did not take " + VIP + " within " + limit.toSeconds() + " s (holders: "
                + owners() + "; JKEEPALIVED_LAB_VERBOSE=1 shows the nodes' logs)");
    }

    /** Kills what the lab started (by process object), deletes its namespaces by name. */
    public void cleanup() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (String n : namespaces.reversed()) {
            LabCommands.run(List.of("ip", "netns", "del", n), 10);
        }
        if (workDir != null) {
            try (var files = Files.list(workDir)) {
                files.forEach(f -> f.toFile().delete());
                Files.deleteIfExists(workDir);
            } catch (IOException ignored) {
                // temp dir; harmless
            }
        }
    }

    private String ns(String node) {
        String name = prefix + "-" + node;
        if (!namespaces.contains(name)) {
            namespaces.add(name);
        }
        return name;
    }

    private static void exec(String ns, String... cmd) {
        var all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(cmd));
        LabCommands.must(all.toArray(String[]::new));
    }

    private void say(String s) {
        out.println(s);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
