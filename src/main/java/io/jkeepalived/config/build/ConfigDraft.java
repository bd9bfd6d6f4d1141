package io.jkeepalived.config.build;

import io.jkeepalived.config.model.BfdInstanceSpec;
import io.jkeepalived.config.model.GarpGroupSpec;
import io.jkeepalived.config.model.RootOptions;
import io.jkeepalived.config.model.RouteSpec;
import io.jkeepalived.config.model.RuleSpec;
import io.jkeepalived.config.model.TrackGroupSpec;
import io.jkeepalived.config.model.SslSpec;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.config.model.TrackProcessSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VirtualServerGroupSpec;
import io.jkeepalived.config.model.VirtualServerSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration while its top-level lines are read ({@link RootKeywords} fills it in): the
 * single-line options, each block as it was built, and what the cross-block checks need afterwards.
 */
final class ConfigDraft {
    // The builders of the blocks a top-level line opens (global_defs was read before, they know its values).
    final VrrpBuilder vrrp;
    final LvsBuilder lvs;
    final AddressLines lines;
    final InterfaceCheck interfaces;

    Optional<String> netNamespace = RootOptions.DEFAULTS.netNamespace();
    Optional<String> netNamespaceIpvs = RootOptions.DEFAULTS.netNamespaceIpvs();
    boolean namespaceWithIpsets = RootOptions.DEFAULTS.namespaceWithIpsets();
    boolean usePidDir = RootOptions.DEFAULTS.usePidDir();
    Optional<String> instance = RootOptions.DEFAULTS.instance();
    Duration childWaitTime = RootOptions.DEFAULTS.childWaitTime();
    boolean linkbeatUsePolling = RootOptions.DEFAULTS.linkbeatUsePolling();

    final List<VrrpScriptSpec> vrrpScripts = new ArrayList<>();
    final List<TrackFileSpec> trackFiles = new ArrayList<>();
    final List<TrackProcessSpec> trackProcesses = new ArrayList<>();
    final List<BfdInstanceSpec> bfds = new ArrayList<>();
    /** bfd_instances keepalived disabled: tracking one is dropped silently, not reported as unknown. */
    final Set<String> disabledBfds = new HashSet<>();
    final List<GarpGroupSpec> garpGroups = new ArrayList<>();
    final java.util.Set<String> garpGroupInterfaces = new java.util.HashSet<>();   // each in one group only
    int garpGroupBlocks;
    final List<UnresolvedSyncGroup> syncDrafts = new ArrayList<>();
    final List<VrrpInstanceDraft> drafts = new ArrayList<>();
    final Set<String> instanceNames = new HashSet<>();
    final List<VirtualIpSpec> staticAddresses = new ArrayList<>();
    final List<RouteSpec> staticRoutes = new ArrayList<>();
    final List<RuleSpec> staticRules = new ArrayList<>();
    /** track_group blocks as read: name, member names as written, position. */
    final List<TrackGroupSpec> trackGroups = new ArrayList<>();
    final java.util.Map<String, io.jkeepalived.config.model.InterfaceDelays> interfaceDelays = new java.util.LinkedHashMap<>();
    final java.util.Map<String, io.jkeepalived.config.model.LinkbeatMethod> linkbeatInterfaces = new java.util.LinkedHashMap<>();
    Optional<SslSpec> ssl = Optional.empty();
    final List<VirtualServerGroupSpec> vsGroups = new ArrayList<>();
    final List<VirtualServerSpec> virtualServers = new ArrayList<>();

    ConfigDraft(VrrpBuilder vrrp, LvsBuilder lvs, AddressLines lines, InterfaceCheck interfaces) {
        this.vrrp = vrrp;
        this.lvs = lvs;
        this.lines = lines;
        this.interfaces = interfaces;
    }

    RootOptions rootOptions() {
        return new RootOptions(netNamespace, netNamespaceIpvs, namespaceWithIpsets, usePidDir, instance, childWaitTime,
                linkbeatUsePolling);
    }
}
