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
 * {@code bin/jkeepalived lab}: the seeds' deployment in network namespaces - two directors (lb1, lb2) that
 * share a VIP by VRRP and balance it over two real servers (rs1, rs2) with LVS-DR, and a client, all on one
 * LAN (a bridge in a switch namespace). It shows the client's requests balanced, a real server failing and
 * returning, and the directors' failover and preemption, with what the client saw; then removes everything
 * it made, also on Ctrl-C. Needs only iproute2: the web servers and the client run in the lab's own JVM.
 * Addresses are from 192.0.2.0/24 inside the namespaces.
 */
public final class Lab {
    static final String VIP = "192.0.2.10";
    private static final int PORT = 80;
    private static final long REQUEST_INTERVAL_NANOS = 10_000_000;
    private static final boolean VERBOSE = System.getenv("JKEEPALIVED_LAB_VERBOSE") != null;
    private final String prefix;
    private final List<String> command;
    private final PrintStream out;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private final LabWebServers webServers = new LabWebServers();
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
        if (!"root".equals(ProcessHandle.current().info().user().orElse(""))) {
            err.println("jkeepalived lab: needs root (it creates network namespaces): run 'sudo bin/jkeepalived lab'");
            return 4;
        }
        if (LabCommands.run(List.of("ip", "-V"), 5).exit() != 0) {
            err.println("jkeepalived lab: needs 'ip' (iproute2): apt-get install iproute2");
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
        var lab = new Lab("jklab" + ProcessHandle.current().pid(),
                List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-jar", jar), out);
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
        say("Lab: directors lb1 (priority 150) and lb2 (priority 100) share VIP " + VIP + " (VRRP VRID 51) and balance");
        say("     http://" + VIP + "/ over real servers rs1 and rs2 (LVS-DR, rr, TCP_CHECK every second);");
        say("     a client sends a request every 10 ms on a new connection.");
        Process lb1 = startNode("lb1", "MASTER", 150);
        startNode("lb2", "BACKUP", 100);
        // two JVMs start, then keepalived's rules: 3 adverts + skew before a non-owner MASTER takes over
        waitForOwner("lb1", Duration.ofSeconds(90));
        say("MASTER: " + owners());
        try (var client = new LabClient(ns("client"), VIP, PORT, REQUEST_INTERVAL_NANOS)) {
            waitUntilServed(client, "rs2", Duration.ofSeconds(20));
            long t0 = client.now();
            sleep(Duration.ofSeconds(2));
            say("Client, 2 s through lb1: " + text(client.served(t0, client.now())));

            say("Stopping rs2's web server ...");
            long down = client.now();
            webServers.stop("rs2");
            sleep(Duration.ofSeconds(4));
            say("  while rs2 is down: " + text(client.served(down, client.now()))
                    + " (requests to rs2 fail until its check fails, then the directors take it out)");
            say("Starting rs2's web server again ...");
            webServers.start("rs2", ns("rs2"), PORT);
            long back = client.now();
            waitUntilServed(client, "rs2", Duration.ofSeconds(20));
            say(String.format("  rs2 serves again after %.1f s", (client.firstAnsweredBy("rs2", back) - back) / 1e9));

            sleep(Duration.ofSeconds(1));
            say("Stopping lb1 (SIGTERM: it sends priority 0 and releases the VIP) ...");
            long stopAt = client.now();
            lb1.destroy();
            waitForOwner("lb2", Duration.ofSeconds(30));
            say(String.format("Failover: VIP now on %s after %.2f s", owners(), (client.now() - stopAt) / 1e9));
            sleep(Duration.ofSeconds(2));
            say("Client through lb2: " + text(client.served(client.now() - 1_000_000_000L, client.now())) + " in the last second");
            say("Bringing lb1 back (higher priority, preempts) ...");
            long backAt = client.now();
            startNode("lb1", "MASTER", 150);
            // a JVM starts, then keepalived's rules: it preempts once it hears lb2's lower priority
            waitForOwner("lb1", Duration.ofSeconds(90));
            sleep(Duration.ofSeconds(2));
            say("MASTER again: " + owners());
            long end = client.now();
            say(String.format("Client: longest time without an answer %.0f ms during the failover, %.0f ms during the"
                    + " preemption; %s in all", client.longestGapSeconds(stopAt, backAt) * 1000,
                    client.longestGapSeconds(backAt, end) * 1000, text(client.served(t0, end))));
        }
        say("Removing the lab.");
    }

    private void waitUntilServed(LabClient client, String server, Duration limit) {
        long from = client.now();
        long end = System.nanoTime() + limit.toNanos();
        while (client.firstAnsweredBy(server, from) < 0) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the client got no answer from " + server + " through " + VIP + " within "
                        + limit.toSeconds() + " s (" + text(client.served(from, client.now()))
                        + "; JKEEPALIVED_LAB_VERBOSE=1 shows the directors' logs)");
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private static String text(java.util.Map<String, Integer> served) {
        var parts = new ArrayList<String>();
        served.forEach((server, n) -> parts.add(server + " " + n));
        return parts.isEmpty() ? "no requests" : String.join(", ", parts);
    }

    private void build() throws Exception {
        // the names carry our pid: two labs at once (or a lab next to a benchmark) must not delete each other's
        String sw = ns("sw");
        LabCommands.must("ip", "netns", "add", sw);
        exec(sw, "ip", "link", "add", "br0", "type", "bridge");
        exec(sw, "ip", "link", "set", "br0", "up");
        var addresses = new java.util.LinkedHashMap<String, String>();
        addresses.put("lb1", "192.0.2.11");
        addresses.put("lb2", "192.0.2.12");
        addresses.put("rs1", "192.0.2.21");
        addresses.put("rs2", "192.0.2.22");
        addresses.put("client", "192.0.2.100");
        for (var node : addresses.entrySet()) {
            String n = ns(node.getKey());
            LabCommands.must("ip", "netns", "add", n);
            exec(n, "ip", "link", "set", "lo", "up");
            exec(sw, "ip", "link", "add", "p-" + node.getKey(), "type", "veth", "peer", "name", "eth0", "netns", n);
            exec(sw, "ip", "link", "set", "p-" + node.getKey(), "master", "br0");
            exec(sw, "ip", "link", "set", "p-" + node.getKey(), "up");
            exec(n, "ip", "link", "set", "eth0", "up");
            exec(n, "ip", "addr", "add", node.getValue() + "/24", "dev", "eth0");
        }
        for (String rs : List.of("rs1", "rs2")) {
            // LVS-DR: the real server accepts the VIP on lo and never answers ARP for it
            exec(ns(rs), "ip", "addr", "add", VIP + "/32", "dev", "lo");
            exec(ns(rs), "sh", "-c", "echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore;"
                    + " echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce;"
                    + " echo 1 > /proc/sys/net/ipv4/conf/eth0/arp_ignore;"
                    + " echo 2 > /proc/sys/net/ipv4/conf/eth0/arp_announce");
            webServers.start(rs, ns(rs), PORT);
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
                virtual_server %s %d {
                    delay_loop 1
                    lb_algo rr
                    lb_kind DR
                    protocol TCP
                    real_server 192.0.2.21 %d {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                    real_server 192.0.2.22 %d {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(node, state, priority, VIP, VIP, PORT, PORT, PORT));
        var cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
        cmd.addAll(command);
        cmd.addAll(List.of("-n", "-l", "-G", "-f", conf.toString(), "-p", workDir.resolve(node + ".pid").toString(),
                "-r", workDir.resolve(node + "_vrrp.pid").toString(), "-c", workDir.resolve(node + "_checkers.pid").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(p);
        Thread.ofVirtual().start(() -> relay(node, p));
        return p;
    }

    private void relay(String node, Process p) {
        try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (VERBOSE || line.contains("Entering") || line.contains("sent 0 priority") || line.contains("removing VIPs")
                        || line.contains("data plane") || line.contains("service [") || line.contains("Removing service")
                        || line.contains("Adding service")) {
                    out.println("  [" + node + "] " + line);
                }
            }
        } catch (IOException ignored) {
            // node stopped
        }
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
        webServers.close();
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
