package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.plan.SocketKey;
import io.jkeepalived.vrrp.plan.VrrpPlan;
import io.jkeepalived.config.model.KeepalivedConfig;
import io.jkeepalived.linux.InterfaceAddress;
import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.io.IOException;

/**
 * The VRRP part of keepalived.data (SIGUSR1), in keepalived's layout for the fields jkeepalived has.
 * Read from the signal thread while the loop runs: values are a snapshot that may be one event old.
 */
final class VrrpDataDump {
    private VrrpDataDump() {
    }

    static void write(Appendable out, VrrpEngine engine, VrrpPlan plan, KeepalivedConfig config) throws IOException {
        out.append("------< VRRP Topology >------\n");
        for (InstanceParams p : plan.instances()) {
            VrrpState state = engine.state(p.name());
            out.append(" VRRP Instance = ").append(p.name()).append('\n');
            out.append("   VRRP Version = ").append(Integer.toString(p.version())).append('\n');
            out.append("   State = ").append(state.name()).append('\n');
            out.append("   Wantstate = ").append(p.initialMaster() ? "MASTER" : "BACKUP").append('\n');
            out.append("   Master down timer = ").append(Long.toString(3 * engine.masterAdverIntervalMicros(p.name())
                    + (256 - p.priority()) * engine.masterAdverIntervalMicros(p.name()) / 256)).append(" usecs\n");
            out.append("   Interface = ").append(p.interfaceName()).append('\n');
            out.append("   Using src_ip = ").append(p.sourceAddress().getHostAddress()).append('\n');
            SocketKey key = plan.socketOf().get(p.name());
            if (key.unicastPeers().isEmpty()) {
                out.append("   Multicast address ").append(io.jkeepalived.common.AddressText.of(key.multicastGroup())).append('\n');
            } else {
                out.append("   Unicast Peer(s):\n");
                for (var peer : key.unicastPeers()) {
                    out.append("     ").append(peer.getHostAddress()).append('\n');
                }
            }
            out.append("   Virtual Router ID = ").append(Integer.toString(p.vrid())).append('\n');
            out.append("   Priority = ").append(Integer.toString(p.priority())).append('\n');
            out.append("   Effective priority = ").append(Integer.toString(engine.effectivePriority(p.name()))).append('\n');
            out.append("   Advert interval = ").append(interval(p)).append('\n');
            out.append("   Accept = ").append(p.accept() ? "enabled" : "disabled").append('\n');
            out.append("   Preempt = ").append(p.preempt() ? "enabled" : "disabled").append('\n');
            if (p.preemptDelayMicros() > 0) {
                out.append("   Preempt delay = ").append(Long.toString(p.preemptDelayMicros() / 1_000_000)).append(" secs\n");
            }
            var addrs = plan.addressesOf().get(p.name());
            out.append("   Virtual IP (").append(Integer.toString(p.vips().size())).append("):\n");
            for (InterfaceAddress a : addrs) {
                if (p.vips().contains(a.address())) {
                    out.append("     ").append(a.address().getHostAddress()).append(a.isIpv6() || a.prefixLength() != 32
                            ? "/" + a.prefixLength() : "").append(" dev ").append(deviceName(plan, a, p)).append(" scope ")
                            .append(scope(a.scope())).append(a.label().map(l -> " label " + l).orElse(""))
                            .append(state == VrrpState.MASTER ? " set" : "").append('\n');
                }
            }
        }
    }

    private static String interval(InstanceParams p) {
        long us = p.advertIntervalMicros();
        return us % 1_000_000 == 0 ? us / 1_000_000 + " sec" : us / 1_000 + " milli-sec";
    }

    private static String deviceName(VrrpPlan plan, InterfaceAddress a, InstanceParams p) {
        return plan.deviceOf().getOrDefault(a.address(), p.interfaceName());
    }

    private static String scope(int scope) {
        return switch (scope) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            default -> "nowhere";
        };
    }
}
