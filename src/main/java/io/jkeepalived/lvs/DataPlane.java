package io.jkeepalived.lvs;

import java.util.List;

/**
 * A load balancer in the kernel (IPVS over generic netlink, or an nftables ruleset), seen through the pool
 * model: read what is there, apply a list of changes, read counters. No kernel types cross this port.
 * Calls come from one thread (the checker loop).
 *
 * <p>The reconciler decides what to change; a data plane only says what it has and carries out ops.
 */
public interface DataPlane extends AutoCloseable {

    /** Short name for logs and {@code --lvs-backend}: {@code ipvs}, {@code nftables}, {@code none}. */
    String name();

    /**
     * Everything this data plane has programmed now, ours or not (IPVS: every service in the kernel;
     * nftables: what our table holds). Start reads it first: a restart adopts live services instead of
     * flushing their connections.
     */
    Pool read() throws DataPlaneException;

    /**
     * Applies ops in order. Where the kernel allows it the whole list is one transaction; a data plane
     * that cannot carry one op (an unsupported forwarding method, a scheduler the kernel lacks, a kernel
     * error) reports it and still applies the others, so one bad service never stops the rest.
     *
     * @return the ops that failed, each with the kernel's (or our) reason; empty when all applied
     */
    List<Failure> apply(List<LvsOp> ops) throws DataPlaneException;

    /** Removes every service this data plane can see ({@code lvs_flush}, {@code lvs_flush_on_stop}). */
    void flush() throws DataPlaneException;

    /** Per-service and per-server counters (empty where the data plane keeps none). */
    List<ServiceStats> stats() throws DataPlaneException;

    /**
     * What this data plane does differently from IPVS for a service (an approximated scheduler, ...),
     * one line per service for the start-up warning; empty when it runs as IPVS would.
     */
    default List<String> limitations(Service service) {
        return List.of();
    }

    @Override
    default void close() {
    }

    /** An op that did not apply and why, e.g. the kernel's error text. */
    record Failure(LvsOp op, String reason) {
    }
}
