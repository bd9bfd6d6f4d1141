package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code global_defs { ... }} with keepalived 2.2.7's defaults (as its {@code -d} dump shows them).
 * Settings the engines use are typed; every global_defs line is also kept, as written, in {@link #raw}
 * (keyword → words of its last occurrence) so nothing the operator wrote is lost.
 *
 * @param routerId            empty = the host name (resolved by the daemon, not the parser)
 * @param smtpServer          empty = no e-mail alerts
 * @param smtpAlert           smtp_alert (empty = unset)
 * @param defaultInterface    default_interface (eth0)
 * @param vrrpCpuAffinity     vrrp_cpu_affinity: CPU numbers (empty = unchanged)
 * @param checkerCpuAffinity  checker_cpu_affinity: CPU numbers (empty = unchanged)
 * @param garp                vrrp_garp_master_* / vrrp_garp_lower_prio_* defaults for instances
 * @param vrrpVersion         vrrp_version (2)
 * @param v3ChecksumAsV2      v3_checksum_as_v2: every instance's default (keepalived's global_data->v3_checksum_as_v2)
 * @param vrrpDelayAfterBoot  vrrp_delay_after_boot: VRRP starts no sooner than this long after the system booted
 *                            (zero: not set); the daemon turns it into a start-up delay with the uptime it reads
 * @param scriptUser          script_user, or keepalived_script when enable_script_security and none given
 * @param useSymlinkPaths     use_symlink_paths: scripts run by their path as written (else by their real path,
 *                            resolved once per configuration read)
 */
public record GlobalDefs(
        Optional<String> routerId,
        Optional<String> notificationEmailFrom,
        List<String> notificationEmail,
        Optional<InetAddress> smtpServer,
        Optional<String> smtpServerName,
        int smtpServerPort,
        Optional<String> smtpHeloName,
        Duration smtpConnectTimeout,
        Optional<Boolean> smtpAlert,
        Optional<Boolean> smtpAlertVrrp,
        Optional<Boolean> smtpAlertChecker,
        boolean checkerLogAllFailures,
        boolean dynamicInterfaces,
        boolean dynamicInterfacesAllowIfChanges,
        boolean noEmailFaults,
        String defaultInterface,
        boolean disableLocalIgmp,
        boolean lvsFlush,
        Optional<String> lvsFlushOnStop,
        Optional<String> lvsSyncDaemon,
        boolean fifoWriteVrrpStatesOnReload,
        boolean vrrpNotifyPriorityChanges,
        InetAddress vrrpMcastGroup4,
        InetAddress vrrpMcastGroup6,
        GarpSettings garp,
        int vrrpDownTimerAdverts,
        Optional<Duration> vrrpGarpExtraIf,
        boolean vrrpGarpExtraIfAll,
        boolean vrrpLowerPrioNoAdvert,
        boolean vrrpHigherPrioSendAdvert,
        Duration vrrpGarpInterval,
        Duration vrrpGnaInterval,
        boolean vrrpMinGarp,
        int vrrpVersion,
        boolean vrrpCheckUnicastSrc,
        boolean vrrpSkipCheckAdvAddr,
        boolean vrrpStrict,
        SourcePos vrrpStrictPos,
        Optional<String> nftables,
        int nftablesPriority,
        boolean nftablesIfindex,
        boolean nftablesCounters,
        Optional<List<String>> vrrpIptables,
        int maxAutoPriority,
        Duration minAutoPriorityDelay,
        int vrrpPriority,
        boolean vrrpNoSwap,
        int vrrpRtPriority,
        long vrrpRlimitRttime,
        int checkerPriority,
        boolean checkerNoSwap,
        int checkerRtPriority,
        long checkerRlimitRttime,
        List<Integer> vrrpCpuAffinity,
        List<Integer> checkerCpuAffinity,
        int bfdPriority,
        boolean bfdNoSwap,
        int bfdRtPriority,
        long bfdRlimitRttime,
        Optional<String> notifyFifo,
        Optional<ScriptSpec> notifyFifoScript,
        Optional<String> vrrpNotifyFifo,
        Optional<ScriptSpec> vrrpNotifyFifoScript,
        Optional<String> lvsNotifyFifo,
        Optional<ScriptSpec> lvsNotifyFifoScript,
        boolean enableScriptSecurity,
        Optional<String> scriptUser,
        Optional<String> scriptGroup,
        Optional<ScriptSpec> startupScript,
        Duration startupScriptTimeout,
        Optional<ScriptSpec> shutdownScript,
        Duration shutdownScriptTimeout,
        boolean enableSnmpVrrp,
        boolean enableSnmpChecker,
        boolean enableSnmpRfcv2,
        boolean enableSnmpRfcv3,
        boolean enableTraps,
        Optional<String> snmpSocket,
        boolean enableDbus,
        Optional<String> dbusServiceName,
        boolean rsInitNotifies,
        boolean noCheckerEmails,
        int vrrpRxBufsMultiplier,
        Duration vrrpStartupDelay,
        boolean logUnknownVrids,
        boolean vrrpOwnerIgnoreAdverts,
        boolean v3ChecksumAsV2,
        Duration vrrpDelayAfterBoot,
        String vmacPrefix,
        Optional<String> vmacAddrPrefix,
        int umask,
        ReloadSettings reload,
        boolean useSymlinkPaths,
        boolean dataUseInstance,
        OptionalInt jsonVersion,
        Optional<String> stateDumpFile,
        Optional<String> statsDumpFile,
        Optional<String> jsonDumpFile,
        Optional<String> iprouteEtcDir,
        Optional<String> iprouteUsrDir,
        boolean setSupplementaryGroups,
        ProcessNames processNames,
        SocketBuffers socketBuffers,
        Map<String, List<String>> raw) {

    public GlobalDefs {
        vrrpCpuAffinity = List.copyOf(vrrpCpuAffinity);
        checkerCpuAffinity = List.copyOf(checkerCpuAffinity);
        notificationEmail = List.copyOf(notificationEmail);
        raw = Map.copyOf(raw);
    }
}
