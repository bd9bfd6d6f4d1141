package io.jkeepalived.config.build;

import io.jkeepalived.config.model.GarpSettings;
import io.jkeepalived.config.model.NotifySpec;
import io.jkeepalived.config.model.VrrpInstanceSpec;
import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.model.AuthSpec;
import io.jkeepalived.config.model.UnicastPeerSpec;
import io.jkeepalived.config.model.VirtualIpSpec;
import io.jkeepalived.config.model.VmacSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The vrrp_instance keywords, each beside what it does to the instance's draft, with keepalived's words. */
final class VrrpInstanceKeywords {
    private VrrpInstanceKeywords() {
    }

    static final KeywordTable<VrrpInstanceDraft> TABLE = KeywordTable.<VrrpInstanceDraft>of("vrrp_instance")
            .on("state", VrrpInstanceKeywords::state)
                .applied(VrrpInstanceSpec::initialState)
            .on("interface", VrrpInstanceKeywords::interfaceName)
                .applied(VrrpInstanceSpec::interfaceName)
            .on("virtual_router_id", VrrpInstanceKeywords::virtualRouterId)
                .applied(VrrpInstanceSpec::virtualRouterId)
            .on("priority", VrrpInstanceKeywords::priority)
                .applied(VrrpInstanceSpec::priority)
            .on("advert_int", VrrpInstanceKeywords::advertInt)
                .applied(VrrpInstanceSpec::advertInterval)
            .on("version", VrrpInstanceKeywords::version)
                .applied(VrrpInstanceSpec::version)
            .on("native_ipv6", (d, w) -> d.nativeIpv6 = true)
                .applied(VrrpInstanceSpec::family)
            .on("authentication", (d, w) -> auth(d, w.node()))
                .applied(VrrpInstanceSpec::authentication)
            .accepted("auth_hmac")
                .unsupported("auth_hmac (keepalived 2.4 HMAC authentication)")
            .on("virtual_ipaddress", VrrpInstanceKeywords::virtualIpaddress)
                .applied(VrrpInstanceSpec::virtualIpAddresses)
            .on("virtual_ipaddress_excluded", VrrpInstanceKeywords::virtualIpaddressExcluded)
                .applied(VrrpInstanceSpec::virtualIpAddressesExcluded)
            .on("no_virtual_ipaddress", (d, w) -> d.noVip = true)
                .configOnly("silences the No VIP warning")
            .on("virtual_routes", (d, w) -> w.node().children().forEach(c -> d.addressLines.route(c).ifPresent(d.routes::add)))
                .applied(VrrpInstanceSpec::virtualRoutes)
            .on("virtual_rules", (d, w) -> w.node().children().forEach(c -> d.addressLines.rule(c).ifPresent(d.rules::add)))
                .applied(VrrpInstanceSpec::virtualRules)
            .on("unicast_peer", VrrpInstanceKeywords::unicastPeer)
                .applied(VrrpInstanceSpec::unicastPeers)
            .on("mcast_src_ip", VrrpInstanceKeywords::mcastSrcIp)
                .applied(VrrpInstanceSpec::mcastSrcIp)
            .on("unicast_src_ip", VrrpInstanceKeywords::unicastSrcIp)
                .applied(VrrpInstanceSpec::unicastSrcIp)
            .on("mcast_dst_ip", VrrpInstanceKeywords::mcastDstIp)
                .applied(VrrpInstanceSpec::mcastDstIp)
            .on("unicast_ttl", VrrpInstanceKeywords::unicastTtl)
                .applied(VrrpInstanceSpec::unicastTtl)
            .on("unicast_fault_no_peer", (d, w) -> d.unicastFaultNoPeer = true)
                .applied(VrrpInstanceSpec::unicastFaultNoPeer)
            .on("check_unicast_src", (d, w) -> d.checkUnicastSrc = true)
                .applied(VrrpInstanceSpec::checkUnicastSrc)
            .on("track_src_ip", (d, w) -> d.trackSrcIp = true)
                .applied(VrrpInstanceSpec::trackSrcIp)
            .on("track_interface", VrrpInstanceKeywords::trackInterface)
                .applied(VrrpInstanceSpec::trackInterfaces)
            .on("track_script", (d, w) -> d.trackScripts.addAll(TrackLines.read(d.tag(), w.node(), -253, 253, d.sink)))
                .applied(VrrpInstanceSpec::trackScripts)
            .on("track_file", (d, w) -> d.trackFiles.addAll(TrackLines.read(d.tag(), w.node(), -254, 254, d.sink)))
                .applied(VrrpInstanceSpec::trackFiles)
            .on("track_process", (d, w) -> d.trackProcesses.addAll(TrackLines.read(d.tag(), w.node(), -254, 254, d.sink)))
                .applied(VrrpInstanceSpec::trackProcesses)
            .on("track_bfd", (d, w) -> d.trackBfds.addAll(TrackLines.read(d.tag(), w.node(), -253, 253, d.sink)))
                .unsupported("BFD")
            .on("dont_track_primary", (d, w) -> d.dontTrackPrimary = true)
                .applied(VrrpInstanceSpec::dontTrackPrimary)
            .on("notify_master", (d, w) -> d.notifyMaster = w.script(0).orElse(null))
                .applied(NotifySpec::master)
            .on("notify_backup", (d, w) -> d.notifyBackup = w.script(0).orElse(null))
                .applied(NotifySpec::backup)
            .on("notify_fault", (d, w) -> d.notifyFault = w.script(0).orElse(null))
                .applied(NotifySpec::fault)
            .on("notify_stop", (d, w) -> d.notifyStop = w.script(0).orElse(null))
                .applied(NotifySpec::stop)
            .on("notify_deleted", VrrpInstanceKeywords::notifyDeleted)
                .applied(NotifySpec::notifyDeletedSet)
            .on("notify", (d, w) -> d.notifyGeneric = w.script(0).orElse(null))
                .applied(NotifySpec::generic)
            .on("notify_master_rx_lower_pri", (d, w) -> d.notifyRxLowerPri = w.script(0).orElse(null))
                .applied(NotifySpec::masterRxLowerPri)
            .on("smtp_alert", (d, w) -> d.smtpAlert = w.bool(0, "Invalid vrrp_instance smtp_alert parameter"))
                .applied(VrrpInstanceSpec::smtpAlert)
            .on("notify_priority_changes", (d, w) -> d.notifyPriorityChanges = w.bool(0))
                .applied(VrrpInstanceSpec::notifyPriorityChanges)
            .on("preempt", (d, w) -> d.nopreempt = false)
                .applied(VrrpInstanceSpec::preempt)
            .on("nopreempt", (d, w) -> d.nopreempt = true)
                .applied(VrrpInstanceSpec::preempt)
            .on("preempt_delay", VrrpInstanceKeywords::preemptDelay)
                .applied(VrrpInstanceSpec::preemptDelay)
            .on("accept", (d, w) -> {
                d.accept = true;
                d.acceptPos = w.pos();
            })
                .applied(VrrpInstanceSpec::accept)
            .on("no_accept", (d, w) -> {
                d.accept = false;
                d.acceptPos = w.pos();
            })
                .applied(VrrpInstanceSpec::accept)
            .on("strict_mode", (d, w) -> {
                d.strict = w.bool(0);
                d.strictPos = w.pos();
            })
                .applied(VrrpInstanceSpec::strict)
            .on("skip_check_adv_addr", (d, w) -> d.skipCheckAdvAddr = w.bool(0))
                .applied(VrrpInstanceSpec::skipCheckAdvAddr)
            .on("promote_secondaries", (d, w) -> d.promoteSecondaries = true)
                .applied(VrrpInstanceSpec::promoteSecondaries)
            .on("garp_master_delay", (d, w) -> garpSeconds(d, w).ifPresent(v -> d.garpMasterDelay = v))
                .applied(GarpSettings::masterDelay)
            .on("garp_master_repeat", (d, w) -> garpCount(d, w).ifPresent(v -> d.garpMasterRepeat = v))
                .applied(GarpSettings::masterRepeat)
            .on("garp_master_refresh", (d, w) -> garpSeconds(d, w).ifPresent(v -> d.garpMasterRefresh = v))
                .applied(GarpSettings::masterRefresh)
            .on("garp_master_refresh_repeat", (d, w) -> garpCount(d, w).ifPresent(v -> d.garpMasterRefreshRepeat = v))
                .applied(GarpSettings::masterRefreshRepeat)
            .on("garp_lower_prio_delay", (d, w) -> garpSeconds(d, w).ifPresent(v -> d.garpLowerPrioDelay = v))
                .applied(GarpSettings::lowerPrioDelay)
            .on("garp_lower_prio_repeat", (d, w) -> garpCount(d, w).ifPresent(v -> d.garpLowerPrioRepeat = v))
                .applied(GarpSettings::lowerPrioRepeat)
            .on("down_timer_adverts", VrrpInstanceKeywords::downTimerAdverts)
                .applied(VrrpInstanceSpec::downTimerAdverts)
            .on("lower_prio_no_advert", (d, w) -> d.lowerPrioNoAdvert = w.bool(0))
                .applied(VrrpInstanceSpec::lowerPrioNoAdvert)
            .on("higher_prio_send_advert", (d, w) -> d.higherPrioSendAdvert = w.bool(0))
                .applied(VrrpInstanceSpec::higherPrioSendAdvert)
            .on("owner_ignore_adverts", (d, w) -> d.ownerIgnoreAdverts = w.bool(0))
                .applied(VrrpInstanceSpec::ownerIgnoreAdverts)
            .on("timer_expired_backup", "thread_timer_expired", VrrpInstanceKeywords::timerExpiredBackup)
                .applied(VrrpInstanceSpec::timerExpiredBackup)
            .on("use_vmac", (d, w) -> d.vmac = vmac(d, w, VmacSpec.Kind.MACVLAN))
                .applied(VrrpInstanceSpec::vmac)
            .on("use_ipvlan", (d, w) -> d.vmac = vmac(d, w, VmacSpec.Kind.IPVLAN))
                .applied(VrrpInstanceSpec::vmac)
            .on("use_vmac_addr", (d, w) -> d.useVmacAddr = true)
                .applied(VrrpInstanceSpec::useVmacAddr)
            .on("vmac_xmit_base", (d, w) -> d.vmacXmitBase = true)
                .applied(VrrpInstanceSpec::vmacXmitBase)
            .on("garp_extra_if", "vmac_garp_intvl", VrrpInstanceKeywords::garpExtraIf)
                .applied(VrrpInstanceSpec::garpExtraIf, VrrpInstanceSpec::garpExtraIfAll)
            .on("v3_checksum_as_v2", (d, w) -> d.v3ChecksumAsV2 = w.bool(0))
                .applied(VrrpInstanceSpec::v3ChecksumAsV2)
            .on("old_unicast_checksum", VrrpInstanceKeywords::oldUnicastChecksum)
                .applied(VrrpInstanceSpec::oldUnicastChecksum)
            .on("kernel_rx_buf_size", (d, w) -> w.intIn(0, 0, Integer.MAX_VALUE).ifPresent(v -> d.kernelRxBufSize = v))
                .applied(VrrpInstanceSpec::kernelRxBufSize)
            .on("vrf", (d, w) -> d.vrf = w.required(0).orElse(null))
                .unsupported("VRF")
            .on("lvs_sync_daemon_interface", VrrpInstanceKeywords::lvsSyncDaemonInterface)
                .applied(VrrpInstanceSpec::lvsSyncDaemonInterface)
            .on("linkbeat_use_polling", (d, w) -> {
                d.linkbeatUsePolling = true;
                w.error(d.tag() + " 'linkbeat_use_polling' in vrrp instance deprecated - use linkbeat_interfaces block");
            })
                .applied(VrrpInstanceSpec::linkbeatUsePolling)
            // Accepted and ignored: debug is not implemented in keepalived.
            .accepted("debug")
                .configOnly("keepalived does nothing with it either")
            .build();

    private static void state(VrrpInstanceDraft d, Words w) {
        var s = w.required(0).orElse(null);
        if (s != null) {
            switch (s) {
                case "MASTER", "BACKUP" -> d.state = s;
                case "EQUAL" -> d.state = "BACKUP";
                default -> w.error(d.tag() + " unknown state '" + s + "', defaulting to BACKUP");
            }
        }
    }

    private static void interfaceName(VrrpInstanceDraft d, Words w) {
        var i = w.required(0).orElse(null);
        if (i != null) {
            d.interfaceName = i;
            d.interfacePos = w.pos();
            if (!d.interfaces.exists(i)) {
                w.error("WARNING - interface " + i + " for vrrp_instance " + d.name + " doesn't exist");
            }
        }
    }

    private static void virtualRouterId(VrrpInstanceDraft d, Words w) {
        var t = w.required(0).orElse(null);
        if (t != null) {
            d.vridWritten = true;
            var v = w.integer(t, 1, 255);
            if (v.isPresent()) {
                d.vrid = (int) v.getAsLong();
            } else {
                w.error(d.tag() + ": VRID '" + t + "' not valid - must be between 1 & 255");
            }
        }
    }

    private static void priority(VrrpInstanceDraft d, Words w) {
        var t = w.required(0).orElse(null);
        if (t != null) {
            var v = w.integer(t, 1, 255);
            if (v.isPresent()) {
                d.priority = (int) v.getAsLong();
            } else {
                w.error(d.tag() + " Priority not valid! must be between 1 & 255. Using default 100");
                d.priority = 100;
            }
        }
    }

    private static void advertInt(VrrpInstanceDraft d, Words w) {
        var t = w.required(0).orElse(null);
        if (t != null) {
            var v = w.seconds(t, 0.01, 255);
            if (v.isEmpty() || v.get().isZero()) {
                w.error(d.tag() + " Advert interval (" + t + ") not valid! Must be > 0 - ignoring");
            } else {
                d.advertInt = v.get();
            }
        }
    }

    private static void version(VrrpInstanceDraft d, Words w) {
        w.required(0).ifPresent(t -> {
            var v = w.integer(t, 2, 3);
            if (v.isPresent()) {
                d.version = (int) v.getAsLong();
            } else {
                w.error(d.tag() + ": Version must be either 2 or 3");
            }
        });
    }

    private static void virtualIpaddress(VrrpInstanceDraft d, Words w) {
        for (var c : w.node().children()) {
            var vip = d.addressLines.address(c);
            if (vip.isEmpty() || !devExists(d, vip.get(), c)) {
                continue;
            }
            if (!d.vips.isEmpty() && d.vips.get(0).family() != vip.get().family()) {
                d.sink.error(c.pos(), "(" + d.name + "): address family must match VRRP instance ["
                        + Addresses.format(vip.get().address()) + "] - ignoring");
            } else {
                d.vips.add(vip.get());
            }
        }
    }

    private static void virtualIpaddressExcluded(VrrpInstanceDraft d, Words w) {
        for (var c : w.node().children()) {
            var vip = d.addressLines.address(c);
            if (vip.isPresent() && devExists(d, vip.get(), c)) {
                d.evips.add(vip.get());
            }
        }
    }

    private static void unicastPeer(VrrpInstanceDraft d, Words w) {
        d.unicastPeerBlock = true;
        w.node().children().forEach(c -> peer(d, c));
    }

    private static void mcastSrcIp(VrrpInstanceDraft d, Words w) {
        d.mcastSrc = address(w, "Configuration error: VRRP instance[" + d.name
                + "] malformed src address[%s]. Skipping...").orElse(null);
    }

    private static void unicastSrcIp(VrrpInstanceDraft d, Words w) {
        // keepalived reads the address with inet_stosockaddr, which stops at a '/': the prefix is ignored.
        var t = w.required(0);
        if (t.isPresent()) {
            var text = t.get().contains("/") ? t.get().substring(0, t.get().indexOf('/')) : t.get();
            d.unicastSrc = Addresses.parse(text).orElse(null);
            if (d.unicastSrc == null) {
                w.error("Configuration error: VRRP instance[" + d.name + "] malformed src address[" + t.get() + "]. Skipping...");
            }
        }
    }

    private static void mcastDstIp(VrrpInstanceDraft d, Words w) {
        d.mcastDst = address(w, "Configuration error: VRRP instance[" + d.name
                + "] malformed mcast dst address[%s]. Skipping...").orElse(null);
    }

    private static void unicastTtl(VrrpInstanceDraft d, Words w) {
        var v = w.intIn(0, 0, 255);
        if (v.isPresent()) {
            d.unicastTtl = v.getAsInt();
        } else {
            w.error(d.tag() + ": TTL '" + w.arg(0).orElse("") + "' not valid - must be between 0 & 255");
        }
    }

    private static void trackInterface(VrrpInstanceDraft d, Words w) {
        var refs = TrackLines.read(d.tag(), w.node(), -253, 253, d.sink);
        for (var r : refs) {
            if (!d.interfaces.exists(r.name())) {
                d.sink.error(r.pos(), d.tag() + " tracked interface " + r.name() + " doesn't exist");
            } else {
                d.trackInterfaces.add(r);
            }
        }
    }

    private static void notifyDeleted(VrrpInstanceDraft d, Words w) {
        d.notifyDeletedSet = true;
        d.notifyDeleted = w.arg(0).isPresent() ? w.script(0).orElse(null) : null;
    }

    private static void preemptDelay(VrrpInstanceDraft d, Words w) {
        w.required(0).ifPresent(t -> {
            var v = w.seconds(t, 0, 1000);
            if (v.isPresent()) {
                d.preemptDelay = v.get();
            } else {
                w.error(d.tag() + " Preempt_delay not valid! must be between 0-1000");
            }
        });
    }

    /** A garp_* delay in seconds; keepalived's words when it is not one. */
    private static Optional<Duration> garpSeconds(VrrpInstanceDraft d, Words w) {
        var v = w.seconds(0, 0, 86400);
        if (v.isEmpty()) {
            w.error(d.tag() + ": " + w.keyword() + " '" + w.arg(0).orElse("") + "' invalid - ignoring");
        }
        return v;
    }

    /** A garp_* repeat count; keepalived's words when it is not one. */
    private static OptionalInt garpCount(VrrpInstanceDraft d, Words w) {
        var v = w.intIn(0, 0, Integer.MAX_VALUE);
        if (v.isEmpty()) {
            w.error(d.tag() + ": " + w.keyword() + " '" + w.arg(0).orElse("") + "' invalid - ignoring");
        }
        return v;
    }

    private static void downTimerAdverts(VrrpInstanceDraft d, Words w) {
        var v = w.intIn(0, 1, 100);
        if (v.isPresent()) {
            d.downTimerAdverts = v.getAsInt();
        } else {
            w.error(d.tag() + ": Invalid down_timer_adverts [1:100] '" + w.arg(0).orElse("") + "'");
        }
    }

    /**
     * keepalived's vrrp_timer_expired_backup_handler: the highest priority of the other routers, 1..254 (default 254,
     * the quickest takeover); a bad value leaves the line without effect. thread_timer_expired (the name in the 2.2.8
     * release notes) is the same; its row's deprecation note says to use the new name.
     */
    private static void timerExpiredBackup(VrrpInstanceDraft d, Words w) {
        if (w.arg(0).isEmpty()) {
            d.timerExpiredBackup = OptionalInt.of(254);
            return;
        }
        var v = w.intIn(0, 1, 254);
        if (v.isPresent()) {
            d.timerExpiredBackup = v;
        } else {
            w.error("(" + d.name + ") timer_expired_backup highest_other_priority not valid! must be between 1 & 254");
        }
    }

    /** keepalived's vrrp_unicast_chksum_handler: no argument for the old checksum, "never" to never switch to it. */
    private static void oldUnicastChecksum(VrrpInstanceDraft d, Words w) {
        if (w.count() == 0) {
            d.oldUnicastChecksum = io.jkeepalived.config.model.OldUnicastChecksum.CONFIGURED;
        } else if (w.arg(0).filter("never"::equals).isPresent()) {
            d.oldUnicastChecksum = io.jkeepalived.config.model.OldUnicastChecksum.NEVER;
        } else {
            w.error("(" + d.name + ") Unknown old_unicast_chksum mode " + w.arg(0).orElse("") + " - ignoring");
        }
    }

    /**
     * keepalived's vrrp_garp_extra_if_handler: words in any order, "all" or the interval (0..86400 s, 0 = off);
     * a bad word or no interval ignores the line.
     */
    private static void garpExtraIf(VrrpInstanceDraft d, Words w) {
        if (w.keyword().equals("vmac_garp_intvl")) {
            w.warning("Keyword \"vmac_garp_intvl\" is deprecated - please use \"garp_extra_if\"");
        }
        boolean all = false;
        Long secs = null;
        for (int i = 0; i < w.count(); i++) {
            String word = w.arg(i).orElseThrow();
            if (word.equals("all")) {
                all = true;
                continue;
            }
            var v = w.integer(word, 0, 86400);
            if (v.isEmpty()) {
                w.error(d.tag() + ": " + w.keyword() + " '" + word + "' invalid - ignoring");
                return;
            }
            secs = v.getAsLong();
        }
        if (secs == null) {
            w.error(d.tag() + ": " + w.keyword() + " specified without time - ignoring");
            return;
        }
        d.garpExtraIf = java.time.Duration.ofSeconds(secs);
        d.garpExtraIfAll = all;
    }

    private static void lvsSyncDaemonInterface(VrrpInstanceDraft d, Words w) {
        d.lvsSyncDaemonInterface = w.required(0).orElse(null);
        w.warning(d.tag() + " Specifying lvs_sync_daemon_interface against a vrrp is deprecated.");
        w.warning("        Please use global lvs_sync_daemon");
    }

    /** An address's {@code dev} must exist (keepalived: the address is dropped and the config flagged). */
    private static boolean devExists(VrrpInstanceDraft d, VirtualIpSpec vip, ConfigNode line) {
        if (vip.dev().isEmpty() || d.interfaces.exists(vip.dev().get())) {
            return true;
        }
        d.sink.error(line.pos(), "WARNING - interface " + vip.dev().get() + " for ip address " + line.name()
                + " doesn't exist");
        return false;
    }

    private static Optional<InetAddress> address(Words w, String what) {
        var t = w.required(0);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        var a = Addresses.parse(t.get());
        if (a.isEmpty()) {
            w.error(what.replace("%s", t.get()));
        }
        return a;
    }

    private static void auth(VrrpInstanceDraft d, ConfigNode block) {
        AuthSpec.Type type = null;
        String pass = "";
        for (var n : block.children()) {
            var w = new Words(n, d.sink);
            switch (n.name()) {
                case "auth_type" -> w.required(0).ifPresent(t -> {
                    switch (t) {
                        case "PASS" -> d.auth = new AuthSpec(AuthSpec.Type.PASS, "");
                        case "AH" -> d.auth = new AuthSpec(AuthSpec.Type.AH, "");
                        default -> w.error("(" + d.name + ") unknown authentication type '" + t + "'");
                    }
                });
                case "auth_pass" -> w.required(0).ifPresent(p -> {
                    if (p.length() > 8) {
                        w.error("Truncating auth_pass to 8 characters");
                    }
                });
                default -> {
                }
            }
            if (n.name().equals("auth_type") && d.auth != null) {
                type = d.auth.type();
            }
            if (n.name().equals("auth_pass") && !n.args().isEmpty()) {
                var p = n.args().get(0).text();
                pass = p.length() > 8 ? p.substring(0, 8) : p;
            }
        }
        d.auth = type == null ? null : new AuthSpec(type, pass);
    }

    private static void peer(VrrpInstanceDraft d, ConfigNode line) {
        var w = line.words();
        var a = Addresses.parse(w.get(0));
        if (a.isEmpty()) {
            d.sink.error(line.pos(), "Configuration error: VRRP instance[" + d.name + "] malformed unicast peer address["
                    + w.get(0) + "]. Skipping...");
            return;
        }
        OptionalInt min = OptionalInt.empty();
        OptionalInt max = OptionalInt.empty();
        // keepalived's alloc_vrrp_unicast_peer: name/value pairs, values 0..255, a bad value is skipped
        for (int i = 1; i < w.size(); i += 2) {
            if (i + 1 >= w.size()) {
                d.sink.error(line.pos(), "(" + d.name + ") " + w.get(i) + " is missing a value");
                break;
            }
            OptionalInt v = ttlValue(w.get(i + 1));
            if (v.isEmpty()) {
                d.sink.error(line.pos(), "invalid number '" + w.get(i + 1) + "'");
                continue;
            }
            if (w.get(i).equals("min_ttl")) {
                min = v;
            } else if (w.get(i).equals("max_ttl")) {
                max = v;
            } else {
                d.sink.error(line.pos(), "(" + d.name + ") unknown unicast_peer option " + w.get(i));
                break;
            }
        }
        if (min.orElse(0) > max.orElse(255)) {
            d.sink.error(line.pos(), "(" + d.name + ") min_ttl " + min.orElse(0) + " > max_ttl " + max.orElse(255)
                    + " - all packets will be discarded");
        }
        d.peers.add(new UnicastPeerSpec(a.get(), min, max, line.pos()));
    }

    private static OptionalInt ttlValue(String text) {
        try {
            int v = Integer.parseInt(text);
            return v >= 0 && v <= 255 ? OptionalInt.of(v) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static VmacSpec vmac(VrrpInstanceDraft d, Words w, VmacSpec.Kind kind) {
        Optional<String> name = Optional.empty();
        Optional<String> mac = Optional.empty();
        Optional<VmacSpec.IpvlanAddress> ip = Optional.empty();
        Optional<String> mode = Optional.empty();
        Optional<String> group = Optional.empty();
        boolean notify = false;
        var a = w.node().argTexts();
        for (int i = 0; i < a.size(); i++) {
            var t = a.get(i);
            Optional<VmacSpec.IpvlanAddress> address = kind == VmacSpec.Kind.IPVLAN ? ipvlanAddress(t) : Optional.empty();
            if (t.equals("name") && i + 1 < a.size()) {
                name = Optional.of(a.get(++i));
            } else if (t.equals("group") && i + 1 < a.size()) {
                group = Optional.of(a.get(++i));
            } else if (t.equals("netlink_notify_msg")) {
                notify = true;
            } else if (t.equals("bridge") || t.equals("private") || t.equals("vepa")) {
                if (mode.isPresent()) {
                    w.error(d.tag() + " ipvlan type already specified - ignoring '" + t + "'");
                } else {
                    mode = Optional.of(t);
                }
            } else if (t.matches("([0-9a-fA-F]{2}:){4,5}[0-9a-fA-F]{2}")) {
                mac = Optional.of(t);
            } else if (address.isPresent()) {
                if (ip.isPresent()) {
                    w.error(d.tag() + " ipvlan address already specified - ignoring '" + t + "'");
                } else {
                    ip = address;
                }
            } else if (name.isEmpty()) {
                name = Optional.of(t);
            }
        }
        return new VmacSpec(kind, name, mac, ip, mode, notify, group);
    }

    /** ADDRESS[/PREFIX] as keepalived's check_valid_ipaddress takes it; empty when it is not one (then it is a name). */
    private static Optional<VmacSpec.IpvlanAddress> ipvlanAddress(String t) {
        int slash = t.indexOf('/');
        var address = Addresses.parse(slash < 0 ? t : t.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int max = Addresses.maxPrefix(address.get());
        if (slash < 0) {
            return Optional.of(new VmacSpec.IpvlanAddress(address.get(), max));
        }
        String p = t.substring(slash + 1);
        if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > max) {
            return Optional.empty();
        }
        return Optional.of(new VmacSpec.IpvlanAddress(address.get(), Integer.parseInt(p)));
    }
}
