package io.jkeepalived.lvs.nft;

import java.util.ArrayList;
import java.util.List;

/**
 * Weighted slots: a server of weight 3 gets three times the slots of one of weight 1, one of weight 0 none.
 * A service's selection rule picks one of a fixed number of slots ({@link #modulus}, chosen when the service
 * is written whole); a check result then only refills the slots ({@link #spread}), so no rule changes.
 */
final class Slots {
    /** Weights whose reduced sum is larger are scaled down to this many slots (each live server keeps one). */
    static final int MAX_SLOTS = 1024;
    /**
     * The fewest slots a selection rule has: with M slots a server's share is within 1/M of its weight's, so
     * weights that no longer divide the modulus evenly (a server down: 10 → 9) stay close.
     */
    static final int MIN_MODULUS = 128;

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

    /**
     * The fixed number of slots for a service whose weights make {@code slots} slots now: that number doubled
     * until it reaches {@link #MIN_MODULUS}, so every weight split that divides it (the same servers, one of
     * two down, ...) stays exact: round-robin over 3 servers is exact with 192 slots, and so is 2 of them.
     */
    static int modulus(int slots) {
        int m = Math.max(1, slots);
        while (m < MIN_MODULUS) {
            m *= 2;
        }
        return m;
    }

    /**
     * {@code modulus} slots shared by weight: each live server gets its share of them (largest remainder,
     * at least one while there are slots enough), in the order smooth weighted round-robin gives, so that
     * consecutive connections alternate as IPVS wrr does. Empty when no server has weight.
     */
    static List<Integer> spread(int modulus, List<Integer> ids, List<Integer> weights) {
        long sum = 0;
        for (int w : weights) {
            sum += Math.max(0, w);
        }
        if (sum == 0) {
            return List.of();
        }
        int n = ids.size();
        var counts = new long[n];
        var remainders = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            long w = Math.max(0, weights.get(i));
            counts[i] = w * modulus / sum;
            remainders[i] = w * modulus % sum;
            given += counts[i];
        }
        for (long left = modulus - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (weights.get(i) > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
        }
        // a live server rounded down to nothing takes a slot from the server with the most
        for (int i = 0; i < n; i++) {
            if (weights.get(i) > 0 && counts[i] == 0) {
                int most = 0;
                for (int j = 1; j < n; j++) {
                    most = counts[j] > counts[most] ? j : most;
                }
                if (counts[most] > 1) {
                    counts[most]--;
                    counts[i]++;
                }
            }
        }
        var slots = new ArrayList<Integer>(modulus);
        var current = new long[n];
        for (int s = 0; s < modulus; s++) {
            int pick = -1;
            for (int i = 0; i < n; i++) {
                current[i] += counts[i];
                if (counts[i] > 0 && (pick < 0 || current[i] > current[pick])) {
                    pick = i;
                }
            }
            current[pick] -= modulus;
            slots.add(ids.get(pick));
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
