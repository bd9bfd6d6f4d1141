package io.jkeepalived.tools.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ping -D} output (each reply prefixed by its epoch time) and reports the longest time
 * between two consecutive replies: what a client of the VIP experienced during a failover.
 */
final class PingGapMeter {
    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)] \\d+ bytes from .*icmp_seq=(\\d+)");
    private final List<Double> replyTimes = new ArrayList<>();

    void accept(String line) {
        Matcher m = REPLY.matcher(line);
        if (m.find()) {
            synchronized (replyTimes) {
                replyTimes.add(Double.parseDouble(m.group(1)));
            }
        }
    }

    /** Longest gap between consecutive replies whose later reply falls in [from, to), in seconds. */
    double longestGapBetween(double fromEpochSeconds, double toEpochSeconds) {
        synchronized (replyTimes) {
            double worst = 0;
            for (int i = 1; i < replyTimes.size(); i++) {
                double t = replyTimes.get(i);
                if (t >= fromEpochSeconds && t < toEpochSeconds) {
                    worst = Math.max(worst, replyTimes.get(i) - replyTimes.get(i - 1));
                }
            }
            return worst;
        }
    }

    int replies() {
        synchronized (replyTimes) {
            return replyTimes.size();
        }
    }
}
