package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.adapters.lvs.IpvsSyncDaemon;
import io.jkeepalived.common.Log;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.lvs.SyncDaemonSpec;
import io.jkeepalived.vrrp.port.LvsSyncDaemon;
import java.util.Optional;

/** The LVS sync daemon a config asks for: global {@code lvs_sync_daemon}, else the legacy per-instance one. */
final class SyncDaemons {
    private SyncDaemons() {
    }

    static Optional<SyncDaemonSpec> spec(KeepalivedConfig config, Log log) {
        var global = config.globalDefs().lvsSyncDaemon();
        if (global.isPresent()) {
            return SyncDaemonSpec.parse(global.get(),
                    name -> config.vrrpInstance(name).map(VrrpInstanceSpec::virtualRouterId).orElse(0), log::warning)
                    .filter(s -> known(config, s, log));
        }
        // legacy: lvs_sync_daemon_interface IF in a vrrp_instance (the first one that has it); keepalived 2.2.7
        // then uses syncid 0, not the VRID (seen with ipvsadm -L --daemon in the qemu differential test)
        for (VrrpInstanceSpec i : config.vrrpInstances()) {
            if (i.lvsSyncDaemonInterface().isPresent()) {
                return Optional.of(new SyncDaemonSpec(i.lvsSyncDaemonInterface().get(), i.name(), 0, 0, 0, 0, Optional.empty()));
            }
        }
        return Optional.empty();
    }

    private static boolean known(KeepalivedConfig config, SyncDaemonSpec s, Log log) {
        if (config.vrrpInstance(s.instance()).isEmpty()) {
            log.warning("lvs_sync_daemon vrrp_instance " + s.instance() + " not found - ignoring");
            return false;
        }
        return true;
    }

    /** The IPVS sync daemon for the config, or empty (none asked for, or the kernel has no IPVS: logged). */
    static Optional<LvsSyncDaemon> open(KeepalivedConfig config, Log log) {
        var spec = spec(config, log);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(IpvsSyncDaemon.open(spec.get(), log::info));
        } catch (SyscallException e) {
            log.warning("lvs_sync_daemon " + spec.get().interfaceName() + " " + spec.get().instance()
                    + " not started: IPVS is not available (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}
