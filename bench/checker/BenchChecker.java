import io.jkeepalived.check.CheckPlanBuilder;
import io.jkeepalived.check.CheckerDaemon;
import io.jkeepalived.check.CheckerFactory;
import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.InterimConfigReader;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.CheckerCommonSpec;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.ForwardingMethod;
import io.jkeepalived.config.model.RealServerSpec;
import io.jkeepalived.config.model.VirtualServerAddress;
import io.jkeepalived.config.model.VirtualServerSpec;
import io.jkeepalived.daemon.log.Log;
import io.jkeepalived.lvs.LoggingDataPlane;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * Runs jkeepalived's checker on the benchmark's generated keepalived.conf (the same file keepalived gets).
 * Until the config builder is on main, this reads the few keywords the generated file uses
 * (virtual_server, delay_loop, real_server, weight, TCP_CHECK, connect_timeout, retry) with the interim
 * reader; everything else is keepalived's default. Prints log lines on stdout; stops on SIGTERM.
 */
public final class BenchChecker {
    public static void main(String[] args) throws Exception {
        var parsed = InterimConfigReader.read(Path.of(args[0]), "");
        var servers = new ArrayList<VirtualServerSpec>();
        for (var node : parsed.roots()) {
            if (node.name().equals("virtual_server")) {
                servers.add(virtualServer(node));
            }
        }
        Log log = (level, message) -> System.out.println(message);
        var factory = new CheckerFactory(List.of());
        var options = new CheckerDaemon.Options(log, new LoggingDataPlane(log::warning, "this kernel has no IPVS"), factory,
                (s, b) -> { }, List.of(), new Random());
        var setup = new CheckPlanBuilder(factory, log::warning).build(servers, List.of(),
                new CheckPlanBuilder.Globals("bench", false, false, false));
        var daemon = new CheckerDaemon(setup, options);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(daemon::close));
        daemon.start();
        if (System.getenv("BENCH_COUNTERS") != null) {
            Thread.ofPlatform().daemon().start(() -> {
                long last = 0;
                while (true) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long done = daemon.counters()[1];
                    System.out.println("bench: " + (done - last) + " checks completed in the last second");
                    last = done;
                }
            });
        }
        daemon.awaitStopped();
    }

    static Duration seconds(ConfigNode node) {
        return Duration.ofMillis((long) (Double.parseDouble(node.argTexts().getFirst()) * 1000));
    }

    static VirtualServerSpec virtualServer(ConfigNode node) throws Exception {
        var vsIp = InetAddress.getByName(node.argTexts().get(0));
        int vsPort = Integer.parseInt(node.argTexts().get(1));
        Duration delayLoop = Duration.ofSeconds(60);
        for (var c : node.children()) {
            if (c.name().equals("delay_loop")) {
                delayLoop = seconds(c);
            }
        }
        var realServers = new ArrayList<RealServerSpec>();
        for (var c : node.children()) {
            if (!c.name().equals("real_server")) {
                continue;
            }
            var ip = InetAddress.getByName(c.argTexts().get(0));
            int port = Integer.parseInt(c.argTexts().get(1));
            int weight = 1;
            var checkers = new ArrayList<CheckerSpec>();
            for (var k : c.children()) {
                if (k.name().equals("weight")) {
                    weight = Integer.parseInt(k.argTexts().getFirst());
                } else if (k.name().equals("TCP_CHECK")) {
                    Duration timeout = Duration.ofSeconds(5);
                    int retry = 1;
                    for (var o : k.children()) {
                        switch (o.name()) {
                            case "connect_timeout" -> timeout = seconds(o);
                            case "retry", "nb_get_retry" -> retry = Integer.parseInt(o.argTexts().getFirst());
                            default -> { }
                        }
                    }
                    checkers.add(new CheckerSpec.TcpCheckSpec(new CheckerCommonSpec(ip, port, Optional.empty(), OptionalInt.empty(),
                            Optional.empty(), timeout, OptionalInt.empty(), retry, Duration.ofSeconds(1), delayLoop, delayLoop,
                            false, false), SourcePos.NONE));
                }
            }
            realServers.add(new RealServerSpec(ip, port, weight, ForwardingMethod.NAT, OptionalInt.empty(), OptionalInt.empty(),
                    false, Optional.empty(), Optional.empty(), false, delayLoop, Optional.empty(), false, checkers, SourcePos.NONE));
        }
        return new VirtualServerSpec(new VirtualServerAddress.IpPort(vsIp, vsPort), "TCP", "rr", Set.of(), ForwardingMethod.NAT,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, 0, Optional.empty(), Optional.empty(),
                false, false, false, delayLoop, Optional.empty(), false, false, 1, Optional.empty(), Optional.empty(),
                realServers, SourcePos.NONE);
    }
}
