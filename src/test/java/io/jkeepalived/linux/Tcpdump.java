package io.jkeepalived.linux;

import io.jkeepalived.testsupport.NetNs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** tcpdump capturing a few packets in a test namespace; started before the traffic, read after. */
final class Tcpdump implements AutoCloseable {
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Tcpdump(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
    }

    /** Starts {@code tcpdump -i ifname -n -e -vv -xx -l -c count filter} and waits until it is listening. */
    static Tcpdump start(NetNs ns, String ifname, int count, String filter) throws Exception {
        var cmd = ns.inside("timeout", "20", "tcpdump", "-i", ifname, "-n", "-e", "-vv", "-xx", "-l", "-c",
                String.valueOf(count), filter);
        var t = new Tcpdump(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String line = t.lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                t.output.append(line).append('\n');
                if (line.contains("listening on")) {
                    return t;
                }
            }
        }
        t.close();
        throw new IllegalStateException("tcpdump did not start: " + t.output);
    }

    /** Waits for tcpdump to capture its packets and exit; returns everything it printed. */
    String await() throws InterruptedException {
        process.waitFor(15, TimeUnit.SECONDS);
        Thread.sleep(100); // let the reader thread drain the pipe
        for (String line; (line = lines.poll()) != null; ) {
            output.append(line).append('\n');
        }
        return output.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
