package io.jkeepalived.adapters.lvs;

import io.jkeepalived.linux.Errno;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.lvs.SyncDaemonSpec;
import io.jkeepalived.lvs.ipvs.IpvsDaemon;
import io.jkeepalived.lvs.ipvs.IpvsRequest;
import io.jkeepalived.vrrp.port.LvsSyncDaemon;
import java.util.function.Consumer;

/** {@link LvsSyncDaemon} on the kernel's IPVS sync threads (IPVS_CMD_NEW_DAEMON / DEL_DAEMON). */
public final class IpvsSyncDaemon implements LvsSyncDaemon {
    private final IpvsKernel kernel;
    private final SyncDaemonSpec spec;
    private final Consumer<String> log;
    private int running; // IpvsDaemon.MASTER, BACKUP or 0

    private IpvsSyncDaemon(IpvsKernel kernel, SyncDaemonSpec spec, Consumer<String> log) {
        this.kernel = kernel;
        this.spec = spec;
        this.log = log;
    }

    public static IpvsSyncDaemon open(SyncDaemonSpec spec, Consumer<String> log) throws SyscallException {
        return new IpvsSyncDaemon(IpvsKernel.open(), spec, log);
    }

    @Override
    public String instance() {
        return spec.instance();
    }

    @Override
    public void master() {
        become(IpvsDaemon.MASTER);
    }

    @Override
    public void backup() {
        become(IpvsDaemon.BACKUP);
    }

    private void become(int state) {
        if (running == state) {
            return;
        }
        stop(other(state));
        var d = new IpvsDaemon(state, spec.interfaceName(), spec.syncId(), spec.maxLength(), spec.group(), spec.port(), spec.ttl());
        try {
            kernel.apply(new IpvsRequest.NewDaemon(d), "IPVS_CMD_NEW_DAEMON " + d.stateName() + " " + spec.interfaceName());
            running = state;
            log.accept("Starting IPVS " + d.stateName() + " sync daemon on " + spec.interfaceName() + " (syncid " + spec.syncId()
                    + ") for " + spec.instance());
        } catch (SyscallException e) {
            if (e.errno() == Errno.EEXIST) {
                running = state; // left running by an earlier run: adopt it
            } else {
                log.accept("Cannot start the IPVS " + d.stateName() + " sync daemon: " + e.getMessage());
            }
        }
    }

    private static int other(int state) {
        return state == IpvsDaemon.MASTER ? IpvsDaemon.BACKUP : IpvsDaemon.MASTER;
    }

    private void stop(int state) {
        try {
            kernel.apply(new IpvsRequest.DelDaemon(state), "IPVS_CMD_DEL_DAEMON " + (state == IpvsDaemon.MASTER ? "master" : "backup"));
        } catch (SyscallException e) {
            if (e.errno() != Errno.ESRCH) { // ESRCH: that role was not running
                log.accept("Cannot stop the IPVS sync daemon: " + e.getMessage());
            }
        }
        if (running == state) {
            running = 0;
        }
    }

    @Override
    public void close() {
        stop(IpvsDaemon.MASTER);
        stop(IpvsDaemon.BACKUP);
        kernel.close();
    }
}
