package io.jkeepalived.adapters.lvs;

import io.jkeepalived.config.load.LvsSettingsInForce;
import io.jkeepalived.lvs.DataPlane;
import io.jkeepalived.lvs.LoggingDataPlane;
import io.jkeepalived.lvs.nft.NftCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which data plane programs the virtual servers: IPVS when the kernel has it, else nftables (through
 * libnftables), unless {@code --lvs-backend} says which. Says its choice and why in one log line.
 */
public final class DataPlaneChoice {
    private DataPlaneChoice() {
    }

    /** What the choice rests on, so tests can ask "what if" without a kernel. */
    public record Host(boolean ipvs, Optional<String> nftablesUnavailable) {
        public static Host probe() {
            return new Host(ipvsPresent(), NftablesDataPlane.unavailable());
        }

        /**
         * Loaded, or loadable: asking generic netlink for the IPVS family loads ip_vs through its module alias
         * (what keepalived's "modprobe ip_vs" at start does).
         */
        private static boolean ipvsPresent() {
            if (Files.exists(Path.of("/proc/net/ip_vs")) || Files.isDirectory(Path.of("/sys/module/ip_vs"))) {
                return true;
            }
            try (var ignored = IpvsKernel.open()) {
                return true;
            } catch (io.jkeepalived.linux.SyscallException e) {
                return false;
            }
        }
    }

    public enum Backend { IPVS, NFTABLES, NONE }

    public record Decision(Backend backend, String why) {
    }

    /** @param forced  {@code ipvs} or {@code nftables} from --lvs-backend, empty to choose */
    public static Decision decide(Optional<String> forced, Host host) {
        if (forced.isPresent()) {
            return switch (forced.get()) {
                case "ipvs" -> host.ipvs() ? new Decision(Backend.IPVS, "forced by --lvs-backend=ipvs")
                        : new Decision(Backend.IPVS, "forced by --lvs-backend=ipvs, although /proc/net/ip_vs is absent (no ip_vs module?)");
                default -> host.nftablesUnavailable().isEmpty() ? new Decision(Backend.NFTABLES, "forced by --lvs-backend=nftables")
                        : new Decision(Backend.NONE, "--lvs-backend=nftables, but libnftables cannot be used: "
                                + host.nftablesUnavailable().get());
            };
        }
        if (host.ipvs()) {
            return new Decision(Backend.IPVS, "the kernel has IPVS (/proc/net/ip_vs)");
        }
        if (host.nftablesUnavailable().isEmpty()) {
            return new Decision(Backend.NFTABLES, "the kernel has no IPVS (no /proc/net/ip_vs); libnftables is available");
        }
        return new Decision(Backend.NONE, "the kernel has no IPVS and libnftables cannot be used: " + host.nftablesUnavailable().get());
    }

    /** What the chosen backend applies of the virtual servers' settings, for {@code -d}. */
    public static LvsSettingsInForce settingsInForce(Decision d) {
        return d.backend() == Backend.NFTABLES ? NftCapabilities.INSTANCE : LvsSettingsInForce.AS_CONFIGURED;
    }

    /** The data plane for a decision, with the one log line that names it. */
    public static DataPlane open(Decision d, Consumer<String> info, Consumer<String> warning) {
        return open(d, io.jkeepalived.linux.ReceiveBuffer.DEFAULT, info, warning);
    }

    /** ... its netlink request socket with {@code cmdBuffer} (lvs_netlink_cmd_rcv_bufs). */
    public static DataPlane open(Decision d, io.jkeepalived.linux.ReceiveBuffer cmdBuffer, Consumer<String> info,
            Consumer<String> warning) {
        return switch (d.backend()) {
            case NFTABLES -> {
                info.accept("LVS data plane: nftables (" + d.why() + ")");
                yield NftablesDataPlane.withRtnetlinkBuffer(cmdBuffer);
            }
            case IPVS -> {
                try {
                    var ipvs = IpvsDataPlane.open(cmdBuffer);
                    info.accept("LVS data plane: ipvs (" + d.why() + ")");
                    yield ipvs;
                } catch (io.jkeepalived.linux.SyscallException e) {
                    String why = "IPVS cannot be opened: " + e.getMessage();
                    warning.accept("LVS data plane: none (" + d.why() + ", but " + why + ")");
                    yield new LoggingDataPlane(warning, why);
                }
            }
            case NONE -> {
                warning.accept("LVS data plane: none (" + d.why() + ")");
                yield new LoggingDataPlane(warning, d.why());
            }
        };
    }
}
