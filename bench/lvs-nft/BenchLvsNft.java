import io.jkeepalived.adapters.lvs.NftablesDataPlane;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.Forwarding;
import io.jkeepalived.lvs.LvsController;
import io.jkeepalived.lvs.PoolPlan;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.ServiceSettings;
import io.jkeepalived.lvs.VirtualService;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * nftables data plane: (1) start → N services × 10 real servers programmed, (2) a check result (one server's
 * weight or presence in the desired pool) → kernel changed, p50/p99 over M changes. Run inside a network
 * namespace (run.sh makes one). Args: N M.
 */
public class BenchLvsNft {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        var services = new LinkedHashMap<VirtualService, PoolPlan.ServicePlan>();
        for (int i = 0; i < n; i++) {
            var key = new VirtualService.Address("198.18." + (i / 250) + "." + (i % 250 + 1), 80, "tcp");
            var servers = new LinkedHashMap<RealServer, Destination>();
            for (int r = 0; r < 10; r++) {
                var rs = new RealServer("198.19." + (i / 250) + "." + (i % 250 * 0 + r + 1), 8000 + i % 1000);
                servers.put(rs, Destination.of(rs, Forwarding.NAT, 1));
            }
            services.put(key, new PoolPlan.ServicePlan(key, key.display(), ServiceSettings.of("wrr"), servers));
        }
        var plan = new PoolPlan(services, Optional.empty(), false, PoolPlan.FlushOnStop.NONE);
        try (var dp = new NftablesDataPlane()) {
            var lvs = new LvsController(dp, s -> { }, System.err::println);
            dp.flush();
            long t0 = System.nanoTime();
            lvs.start(plan);
            var pool = lvs.editor();
            for (var sp : services.values()) {
                pool.addVirtualService(sp.key());
                for (var d : sp.servers().values()) {
                    pool.addRealServer(sp.key(), d.server(), 1);
                }
            }
            lvs.reconcileAll();
            long t1 = System.nanoTime();
            System.out.printf("program %d services x 10 real servers (one transaction): %.1f ms%n", n, (t1 - t0) / 1e6);
            long[] before = dp.transactions();
            var random = new SplittableRandom(1);
            var keys = services.keySet().toArray(VirtualService[]::new);
            long[] lat = new long[m];
            for (int i = 0; i < m; i++) {
                var key = keys[random.nextInt(keys.length)];
                var rs = services.get(key).servers().keySet().iterator().next();
                long s = System.nanoTime();
                if (i % 2 == 0) {
                    pool.updateRealServer(key, rs, 1 + random.nextInt(5));
                } else {
                    pool.removeRealServer(key, rs);
                    lvs.reconcile();
                    pool.addRealServer(key, rs, 1);
                }
                lvs.reconcile();
                lat[i] = System.nanoTime() - s;
                if (i % 2 == 1) {
                    lat[i] /= 2; // two changes in that sample
                }
            }
            long[] after = dp.transactions();
            Arrays.sort(lat);
            System.out.printf("check result -> kernel changed (%d services, %d changes): p50 %.3f ms, p99 %.3f ms%n", n, m,
                    lat[m / 2] / 1e6, lat[(int) (m * 0.99)] / 1e6);
            System.out.printf("  transactions: %d nf_tables netlink batches, %d through libnftables%n", after[0] - before[0],
                    after[1] - before[1]);
            long r0 = System.nanoTime();
            lvs.repair();
            System.out.printf("drift check (read + diff of the whole pool): %.1f ms%n", (System.nanoTime() - r0) / 1e6);
            if (System.getenv("KEEP") == null) {
                dp.flush();
            }
        }
    }
}
