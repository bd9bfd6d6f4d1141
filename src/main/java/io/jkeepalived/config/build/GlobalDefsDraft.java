package io.jkeepalived.config.build;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.GarpSettings;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.ProcessNames;
import io.jkeepalived.config.model.ReloadSettings;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.SocketBuffers;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code global_defs} blocks while they are read (keepalived allows several; later lines win), with
 * keepalived's defaults; {@link GlobalDefsKeywords} fills it in, {@link #build} makes the record.
 */
final class GlobalDefsDraft {
    private final DiagnosticSink sink;

    Optional<String> routerId = Optional.empty();
    Optional<String> emailFrom = Optional.empty();
    final List<String> emails = new ArrayList<>();
    Optional<InetAddress> smtpServer = Optional.empty();
    Optional<String> smtpServerName = Optional.empty();
    int smtpPort = 25;
    Optional<String> smtpHelo = Optional.empty();
    Duration smtpTimeout = Duration.ofSeconds(30);
    Optional<Boolean> smtpAlert = Optional.empty();
    Optional<Boolean> smtpAlertVrrp = Optional.empty();
    Optional<Boolean> smtpAlertChecker = Optional.empty();
    boolean checkerLogAllFailures;
    boolean dynamicInterfaces;
    boolean dynamicAllowIfChanges;
    boolean noEmailFaults;
    String defaultInterface = "eth0";
    boolean disableLocalIgmp;
    boolean lvsFlush;
    Optional<String> lvsFlushOnStop = Optional.empty();
    Optional<String> lvsSyncDaemon = Optional.empty();
    boolean fifoWriteStates;
    boolean notifyPriorityChanges;
    InetAddress mcast4 = Addresses.parse("224.0.0.18").orElseThrow();
    InetAddress mcast6 = Addresses.parse("ff02::12").orElseThrow();
    /** keepalived's VRRP_GARP_DELAY, VRRP_GARP_REP, VRRP_GARP_REFRESH_REP (vrrp_min_garp changes only these). */
    static final Duration DEFAULT_GARP_DELAY = Duration.ofSeconds(5);
    static final int DEFAULT_GARP_REPEAT = 5;
    static final int DEFAULT_GARP_REFRESH_REPEAT = 1;
    Optional<String> processName = Optional.empty();
    Optional<String> vrrpProcessName = Optional.empty();
    Optional<String> checkerProcessName = Optional.empty();
    Duration garpDelay = DEFAULT_GARP_DELAY;
    int garpRepeat = DEFAULT_GARP_REPEAT;
    Duration garpRefresh = Duration.ZERO;
    int garpRefreshRepeat = DEFAULT_GARP_REFRESH_REPEAT;
    Duration garpLowerDelay;
    Integer garpLowerRepeat;
    int downTimerAdverts = 3;
    Optional<Duration> garpExtraIf = Optional.empty();
    boolean garpExtraIfAll;
    boolean lowerPrioNoAdvert;
    boolean higherPrioSendAdvert;
    Duration garpInterval = Duration.ZERO;
    Duration gnaInterval = Duration.ZERO;
    boolean minGarp;
    int vrrpVersion = 2;
    boolean checkUnicastSrc;
    boolean skipCheckAdvAddr;
    boolean strict;
    SourcePos strictPos = SourcePos.NONE;
    Optional<String> nftables = Optional.empty();
    int nftablesPriority = -1;
    boolean nftablesIfindex;
    boolean nftablesCounters;
    Optional<List<String>> iptables = Optional.empty();
    int maxAutoPriority;
    Duration minAutoPriorityDelay = Duration.ofSeconds(1);
    final int[] priority = new int[3];
    final boolean[] noSwap = new boolean[3];
    final int[] rtPriority = new int[3];
    final long[] rlimit = {10000, 10000, 10000};
    final List<List<Integer>> cpuAffinity = new java.util.ArrayList<>(List.of(List.of(), List.of(), List.of()));
    Optional<String> notifyFifo = Optional.empty();
    Optional<ScriptSpec> notifyFifoScript = Optional.empty();
    Optional<String> vrrpNotifyFifo = Optional.empty();
    Optional<ScriptSpec> vrrpNotifyFifoScript = Optional.empty();
    Optional<String> lvsNotifyFifo = Optional.empty();
    Optional<ScriptSpec> lvsNotifyFifoScript = Optional.empty();
    boolean scriptSecurity;
    Optional<String> scriptUser = Optional.empty();
    Optional<String> scriptGroup = Optional.empty();
    Optional<ScriptSpec> startupScript = Optional.empty();
    Duration startupTimeout = Duration.ofSeconds(10);
    Optional<ScriptSpec> shutdownScript = Optional.empty();
    Duration shutdownTimeout = Duration.ofSeconds(10);
    boolean snmpVrrp;
    boolean snmpChecker;
    boolean snmpRfcv2;
    boolean snmpRfcv3;
    boolean traps;
    Optional<String> snmpSocket = Optional.empty();
    boolean dbus;
    Optional<String> dbusName = Optional.empty();
    boolean rsInitNotifies;
    boolean noCheckerEmails;
    int rxBufsMultiplier = 3;
    SocketBuffers.RxBufsPolicy rxBufsPolicy = SocketBuffers.RxBufsPolicy.NONE;
    /** {@code *_rcv_bufs} and {@code *_rcv_bufs_force} by keyword. */
    final Map<String, Long> rcvBufs = new HashMap<>();
    final Map<String, Boolean> rcvBufsForce = new HashMap<>();
    Duration startupDelay = Duration.ZERO;
    boolean logUnknownVrids;
    boolean vrrpOwnerIgnoreAdverts;
    boolean v3ChecksumAsV2;
    Duration delayAfterBoot = Duration.ZERO;
    String vmacPrefix = "vrrp";
    Optional<String> vmacAddrPrefix = Optional.empty();    // keepalived: unset falls back to vmac_prefix
    int umask = 0177;
    Optional<String> reloadCheckLog = Optional.empty();
    Optional<String> reloadFile = Optional.empty();
    Optional<String> reloadTimeFile = Optional.empty();
    boolean reloadRepeat;
    boolean useSymlinkPaths;
    Optional<String> configSaveDir = Optional.empty();
    boolean dataUseInstance;
    OptionalInt jsonVersion = OptionalInt.empty();
    Optional<String> stateDumpFile = Optional.empty();
    Optional<String> statsDumpFile = Optional.empty();
    Optional<String> jsonDumpFile = Optional.empty();
    Optional<String> iprouteEtcDir = Optional.empty();
    Optional<String> iprouteUsrDir = Optional.empty();
    boolean setSupplementaryGroups;
    final Map<String, List<String>> raw = new HashMap<>();

    /** script_user names a user that does not exist: scripts without their own user cannot run. */
    boolean scriptUserInvalid;
    final SystemUsers users;
    final HostNames names;

    GlobalDefsDraft(DiagnosticSink sink, SystemUsers users, HostNames names) {
        this.names = names;
        this.sink = sink;
        this.users = users;
    }

    void read(ConfigNode block) {
        for (var n : block.children()) {
            raw.put(n.name(), n.argTexts());
            GlobalDefsKeywords.TABLE.read(this, n, sink);
        }
    }

    GlobalDefs build() {
        var garp = new GarpSettings(garpDelay, garpRepeat, garpRefresh, garpRefreshRepeat,
                garpLowerDelay == null ? garpDelay : garpLowerDelay, garpLowerRepeat == null ? garpRepeat : garpLowerRepeat);
        return new GlobalDefs(routerId, emailFrom, emails, smtpServer, smtpServerName, smtpPort, smtpHelo, smtpTimeout,
                smtpAlert, smtpAlertVrrp, smtpAlertChecker, checkerLogAllFailures, dynamicInterfaces, dynamicAllowIfChanges,
                noEmailFaults, defaultInterface, disableLocalIgmp, lvsFlush, lvsFlushOnStop, lvsSyncDaemon, fifoWriteStates,
                notifyPriorityChanges, mcast4, mcast6, garp, downTimerAdverts, garpExtraIf, garpExtraIfAll, lowerPrioNoAdvert,
                higherPrioSendAdvert, garpInterval, gnaInterval, minGarp, vrrpVersion, checkUnicastSrc, skipCheckAdvAddr,
                strict, strictPos, nftables, nftablesPriority, nftablesIfindex, nftablesCounters, iptables, maxAutoPriority, minAutoPriorityDelay, priority[0], noSwap[0],
                rtPriority[0], rlimit[0], priority[1], noSwap[1], rtPriority[1], rlimit[1], cpuAffinity.get(0), cpuAffinity.get(1), priority[2], noSwap[2],
                rtPriority[2], rlimit[2], notifyFifo, notifyFifoScript, vrrpNotifyFifo, vrrpNotifyFifoScript, lvsNotifyFifo,
                lvsNotifyFifoScript, scriptSecurity, scriptUser.or(() -> scriptSecurity ? Optional.of("keepalived_script")
                        : Optional.empty()), scriptGroup, startupScript, startupTimeout, shutdownScript, shutdownTimeout,
                snmpVrrp, snmpChecker, snmpRfcv2, snmpRfcv3, traps, snmpSocket, dbus, dbusName, rsInitNotifies,
                noCheckerEmails, rxBufsMultiplier, startupDelay, logUnknownVrids, vrrpOwnerIgnoreAdverts, v3ChecksumAsV2, delayAfterBoot, vmacPrefix, vmacAddrPrefix, umask,
                new ReloadSettings(reloadCheckLog, reloadFile, reloadTimeFile, reloadRepeat, configSaveDir), useSymlinkPaths,
                dataUseInstance, jsonVersion, stateDumpFile, statsDumpFile,
                jsonDumpFile, iprouteEtcDir, iprouteUsrDir, setSupplementaryGroups,
                new ProcessNames(processName, vrrpProcessName, checkerProcessName), new SocketBuffers(rxBufsPolicy,
                        netlinkBuffer("vrrp_netlink_cmd"), netlinkBuffer("vrrp_netlink_monitor"),
                        netlinkBuffer("process_monitor"), netlinkBuffer("lvs_netlink_cmd"),
                        netlinkBuffer("lvs_netlink_monitor")), raw);
    }

    private SocketBuffers.NetlinkBuffer netlinkBuffer(String prefix) {
        return new SocketBuffers.NetlinkBuffer(rcvBufs.getOrDefault(prefix + "_rcv_bufs", 0L),
                rcvBufsForce.getOrDefault(prefix + "_rcv_bufs_force", false));
    }
}
