import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.lex.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Times the config lexer on generated configurations and, for reference, `keepalived -t` on the same files.
 * Run from the project directory after `mvn package`:
 *   java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/classes bench/config/LexerBench.java
 * "first" is the first read in this JVM (what `jkeepalived -t` pays), "warm" the best of 20 later reads.
 */
public class LexerBench {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("jkx-lexbench");
        Path rs = dir.resolve("rs10k.conf");
        Path vrrp = dir.resolve("vrrp1k.conf");
        Files.writeString(rs, realServers(100, 100));
        Files.writeString(vrrp, vrrpInstances(1000));
        var opts = new ConfigReader.Options("bench", false);
        for (Path f : new Path[] {vrrp, rs}) {
            long t0 = System.nanoTime();
            ParsedConfig pc = ConfigReader.read(f, opts);
            double first = (System.nanoTime() - t0) / 1e6;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 20; i++) {
                long s = System.nanoTime();
                ConfigReader.read(f, opts);
                best = Math.min(best, (System.nanoTime() - s) / 1e6);
            }
            long lines = Files.readAllLines(f).size();
            double ka = keepalivedTest(f);
            System.out.printf("%-12s %7d lines  lexer first %7.1f ms  warm %6.1f ms  (%d roots, %d findings)"
                    + "  keepalived -t %s%n", f.getFileName(), lines, first, best, pc.roots().size(),
                    pc.diagnostics().size(), ka < 0 ? "n/a" : String.format("%.1f ms, ratio lexer-first/keepalived %.2f",
                            ka, first / ka));
        }
        try (var files = Files.list(dir)) {
            files.forEach(p -> p.toFile().delete());
        }
        Files.delete(dir);
    }

    static String realServers(int virtualServers, int perVs) {
        var sb = new StringBuilder("global_defs {\n  router_id bench\n}\n");
        for (int v = 0; v < virtualServers; v++) {
            sb.append("virtual_server 198.18.").append(v / 250).append('.').append(v % 250 + 1).append(" 80 {\n")
              .append("  delay_loop 6\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n");
            for (int r = 0; r < perVs; r++) {
                sb.append("  real_server 198.19.").append(r).append('.').append(v % 250 + 1).append(" 80 {\n")
                  .append("    weight 1\n    HTTP_GET {\n      url {\n        path /health\n        status_code 200\n")
                  .append("      }\n      connect_timeout 3\n    }\n  }\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    static String vrrpInstances(int n) {
        var sb = new StringBuilder("global_defs {\n  router_id bench\n}\n");
        for (int i = 0; i < n; i++) {
            sb.append("vrrp_instance VI_").append(i).append(" {\n  state BACKUP\n  interface eth0\n")
              .append("  virtual_router_id ").append(i % 255 + 1).append("\n  priority 100\n  advert_int 1\n")
              .append("  authentication {\n    auth_type PASS\n    auth_pass secret\n  }\n")
              .append("  virtual_ipaddress {\n    198.18.").append(i / 250).append('.').append(i % 250 + 1)
              .append("/32\n  }\n}\n");
        }
        return sb.toString();
    }

    /** Wall time of `keepalived -t -f FILE` in ms, or -1 when keepalived is not installed. */
    static double keepalivedTest(Path f) {
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("keepalived", "-t", "-f", f.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return (System.nanoTime() - t0) / 1e6;
        } catch (Exception e) {
            return -1;
        }
    }
}
