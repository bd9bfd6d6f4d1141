package io.jkeepalived.lvs.nft;

import java.util.ArrayList;
import java.util.List;

/**
 * Weighted slots: a server of weight 3 gets three of the slots a connection can land on, one of weight 0
 * none. Weights are reduced by their common divisor and, when their sum is large, scaled down to at most
 * {@link #MAX_SLOTS} (each live server keeps at least one slot), so the maps stay small.
 */
final class Slots {
    static final int MAX_SLOTS = 1024;

    private Slots() {
    }

    /** @param ids and weights of the servers, same order; @return the server id of each slot, interleaved */
    static List<Integer> of(List<Integer> ids, List<Integer> weights) {
        long sum = 0;
        int gcd = 0;
        for (int w : weights) {
            if (w > 0) {
                sum += w;
                gcd = gcd(gcd, w);
            }
        }
        if (sum == 0) {
            return List.of();
        }
        var counts = new int[weights.size()];
        long reduced = sum / gcd;
        for (int i = 0; i < counts.length; i++) {
            int w = weights.get(i);
            if (w <= 0) {
                continue;
            }
            counts[i] = reduced <= MAX_SLOTS ? w / gcd : (int) Math.max(1, Math.round((double) w * MAX_SLOTS / sum));
        }
        // interleave as IPVS wrr does: each pass gives a slot to every server that still has one
        var slots = new ArrayList<Integer>();
        boolean any = true;
        while (any) {
            any = false;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    slots.add(ids.get(i));
                    counts[i]--;
                    any = true;
                }
            }
        }
        return slots;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
