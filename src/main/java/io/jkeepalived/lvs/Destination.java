package io.jkeepalived.lvs;

/**
 * A real server in a service, as programmed: weight 0 keeps it in the pool with no new connections
 * (inhibit_on_failure).
 *
 * @param upperThreshold  uthreshold, 0 = none
 * @param lowerThreshold  lthreshold, 0 = none
 */
public record Destination(RealServer server, Forwarding forwarding, int weight, int upperThreshold, int lowerThreshold) {
    public Destination {
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be >= 0, got " + weight + " for " + server);
        }
    }

    public static Destination of(RealServer server, Forwarding forwarding, int weight) {
        return new Destination(server, forwarding, weight, 0, 0);
    }

    public Destination withWeight(int w) {
        return w == weight ? this : new Destination(server, forwarding, w, upperThreshold, lowerThreshold);
    }
}
