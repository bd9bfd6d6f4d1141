package io.jkeepalived.vrrp.port;

/**
 * Port: the LVS connection-sync daemon follows one VRRP instance, as keepalived's does: master while the
 * instance is MASTER, backup otherwise. Each call stops the other role first. Failures are logged by the
 * implementation, never thrown into the VRRP loop.
 */
public interface LvsSyncDaemon extends AutoCloseable {
    /** The instance it follows. */
    String instance();

    void master();

    void backup();

    /** Stops whichever role runs (on shutdown). */
    @Override
    void close();
}
