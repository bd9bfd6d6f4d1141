package io.jkeepalived.adapters.lvs;

import io.jkeepalived.testsupport.Sh;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** {@code ipvsadm -S -n} in a namespace, and the same table with its order taken out for comparison. */
final class IpvsTable {
    private IpvsTable() {
    }

    static String save(String netns) {
        return Sh.run(List.of("ip", "netns", "exec", netns, "ipvsadm", "-S", "-n"), 30).out();
    }

    static String timeouts(String netns) {
        return Sh.run(List.of("ip", "netns", "exec", netns, "ipvsadm", "-L", "--timeout"), 30).out();
    }

    static String daemons(String netns) {
        return Sh.run(List.of("ip", "netns", "exec", netns, "ipvsadm", "-L", "--daemon"), 30).out();
    }

    /**
     * Services sorted, each followed by its servers sorted: the kernel lists services in hash order and servers
     * in insertion order, which need not match between two daemons that programmed the same thing.
     */
    static String canonical(String save) {
        var services = new TreeMap<String, List<String>>();
        List<String> current = null;
        for (String line : save.lines().toList()) {
            if (line.startsWith("-A ")) {
                current = new ArrayList<>();
                services.put(line, current);
            } else if (line.startsWith("-a ") && current != null) {
                current.add(line);
            }
        }
        var out = new StringBuilder();
        services.forEach((service, servers) -> {
            out.append(service).append('\n');
            servers.stream().sorted().forEach(s -> out.append("  ").append(s).append('\n'));
        });
        return out.toString();
    }

    /** Polls until the table has not changed for {@code quietMillis}, or {@code limitMillis} passed. */
    static String settled(String netns, long quietMillis, long limitMillis) throws InterruptedException {
        long start = System.nanoTime();
        String last = save(netns);
        long lastChange = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < limitMillis) {
            Thread.sleep(300);
            String now = save(netns);
            if (!now.equals(last)) {
                last = now;
                lastChange = System.nanoTime();
            } else if (!now.isEmpty() && (System.nanoTime() - lastChange) / 1_000_000 >= quietMillis) {
                return now;
            }
        }
        return last;
    }
}
