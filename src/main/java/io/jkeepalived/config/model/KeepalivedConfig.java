package io.jkeepalived.config.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole keepalived.conf after keyword tables, defaults and semantic checks: what the VRRP, check and
 * LVS engines run. Lists keep the order of the file. Objects keepalived removes during its checks
 * (a vrrp_script without script, a sync group without instances) are not here. {@code linkbeatInterfaces}: the
 * {@code linkbeat_interfaces} block, the interfaces whose link is polled rather than heard from netlink.
 */
public record KeepalivedConfig(
        RootOptions root,
        GlobalDefs globalDefs,
        List<VrrpInstanceSpec> vrrpInstances,
        List<VrrpSyncGroupSpec> vrrpSyncGroups,
        List<VrrpScriptSpec> vrrpScripts,
        List<TrackFileSpec> trackFiles,
        List<TrackProcessSpec> trackProcesses,
        List<BfdInstanceSpec> bfdInstances,
        List<VirtualIpSpec> staticAddresses,
        List<RouteSpec> staticRoutes,
        List<RuleSpec> staticRules,
        List<GarpGroupSpec> garpGroups,
        Optional<SslSpec> ssl,
        List<VirtualServerGroupSpec> virtualServerGroups,
        List<VirtualServerSpec> virtualServers,
        List<TrackGroupSpec> trackGroups,
        Map<String, InterfaceDelays> interfaceUpDownDelays,
        Map<String, LinkbeatMethod> linkbeatInterfaces) {

    public KeepalivedConfig {
        vrrpInstances = List.copyOf(vrrpInstances);
        interfaceUpDownDelays = Map.copyOf(interfaceUpDownDelays);
        linkbeatInterfaces = Map.copyOf(linkbeatInterfaces);
        vrrpSyncGroups = List.copyOf(vrrpSyncGroups);
        vrrpScripts = List.copyOf(vrrpScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        bfdInstances = List.copyOf(bfdInstances);
        staticAddresses = List.copyOf(staticAddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        garpGroups = List.copyOf(garpGroups);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
        trackGroups = List.copyOf(trackGroups);
    }

    public KeepalivedConfig withRoot(RootOptions newRoot) {
        return new KeepalivedConfig(newRoot, globalDefs, vrrpInstances, vrrpSyncGroups, vrrpScripts, trackFiles,
                trackProcesses, bfdInstances, staticAddresses, staticRoutes, staticRules, garpGroups, ssl,
                virtualServerGroups, virtualServers, trackGroups, interfaceUpDownDelays, linkbeatInterfaces);
    }

    public Optional<VrrpInstanceSpec> vrrpInstance(String name) {
        return vrrpInstances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<VrrpScriptSpec> vrrpScript(String name) {
        return vrrpScripts.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
