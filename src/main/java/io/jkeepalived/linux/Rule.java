package io.jkeepalived.linux;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A policy-routing rule (RTM_NEWRULE), as keepalived's {@code virtual_rules} / {@code static_rules} write them:
 * {@code from 192.0.2.0/24 to 198.51.100.0/24 iif eth0 oif eth1 fwmark 0x10/0xff lookup 100 priority 100 proto keepalived}.
 *
 * @param ipv6     the rule's family (AF_INET6 when true)
 * @param priority FRA_PRIORITY; keepalived always sets one
 * @param action   FR_ACT_* (1 lookup table, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit)
 * @param table    FRA_TABLE (0 with actions other than lookup)
 * @param protocol FRA_PROTOCOL (18 keepalived)
 */
public record Rule(boolean ipv6, long priority, int action, int table, Optional<InetAddress> source, int sourceLength,
        Optional<InetAddress> destination, int destinationLength, Optional<String> inputInterface,
        Optional<String> outputInterface, OptionalLong fwmark, OptionalLong fwmask, int protocol) {
    public static final int FR_ACT_TO_TBL = 1;
    public static final int FR_ACT_GOTO = 2;
    public static final int FR_ACT_NOP = 3;
    public static final int FR_ACT_BLACKHOLE = 6;
    public static final int FR_ACT_UNREACHABLE = 7;
    public static final int FR_ACT_PROHIBIT = 8;

    public Rule {
        source = Objects.requireNonNullElse(source, Optional.empty());
        destination = Objects.requireNonNullElse(destination, Optional.empty());
        inputInterface = Objects.requireNonNullElse(inputInterface, Optional.empty());
        outputInterface = Objects.requireNonNullElse(outputInterface, Optional.empty());
        fwmark = Objects.requireNonNullElse(fwmark, OptionalLong.empty());
        fwmask = Objects.requireNonNullElse(fwmask, OptionalLong.empty());
        int max = ipv6 ? 128 : 32;
        for (var a : source.stream().toList()) {
            requireFamily(ipv6, a);
        }
        for (var a : destination.stream().toList()) {
            requireFamily(ipv6, a);
        }
        if (sourceLength < 0 || sourceLength > max || destinationLength < 0 || destinationLength > max) {
            throw new IllegalArgumentException("rule prefix length out of range 0-" + max);
        }
        if (priority < 0 || priority > 0xffffffffL) {
            throw new IllegalArgumentException("rule priority " + priority + " out of range 0-4294967295");
        }
    }

    /** {@code lookup table} with no selectors yet, protocol keepalived. */
    public static Rule lookup(boolean ipv6, long priority, int table) {
        return new Rule(ipv6, priority, FR_ACT_TO_TBL, table, Optional.empty(), 0, Optional.empty(), 0, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Route.RTPROT_KEEPALIVED);
    }

    public Rule from(InetAddress address, int length) {
        return new Rule(ipv6, priority, action, table, Optional.of(address), length, destination, destinationLength,
                inputInterface, outputInterface, fwmark, fwmask, protocol);
    }

    public Rule to(InetAddress address, int length) {
        return new Rule(ipv6, priority, action, table, source, sourceLength, Optional.of(address), length, inputInterface,
                outputInterface, fwmark, fwmask, protocol);
    }

    /** e.g. {@code from 192.0.2.0/24 lookup 100 priority 100} */
    public String describe() {
        var sb = new StringBuilder(ipv6 ? "inet6 " : "");
        sb.append("from ").append(source.map(a -> a.getHostAddress() + "/" + sourceLength).orElse("all"));
        destination.ifPresent(a -> sb.append(" to ").append(a.getHostAddress()).append('/').append(destinationLength));
        inputInterface.ifPresent(i -> sb.append(" iif ").append(i));
        outputInterface.ifPresent(o -> sb.append(" oif ").append(o));
        fwmark.ifPresent(m -> sb.append(" fwmark 0x").append(Long.toHexString(m)));
        fwmask.ifPresent(m -> sb.append("/0x").append(Long.toHexString(m)));
        sb.append(switch (action) {
            case FR_ACT_TO_TBL -> " lookup " + table;
            case FR_ACT_NOP -> " nop";
            case FR_ACT_BLACKHOLE -> " blackhole";
            case FR_ACT_UNREACHABLE -> " unreachable";
            case FR_ACT_PROHIBIT -> " prohibit";
            default -> " action " + action;
        });
        return sb.append(" priority ").append(priority).toString();
    }

    private static void requireFamily(boolean ipv6, InetAddress a) {
        if ((a.getAddress().length == 16) != ipv6) {
            throw new IllegalArgumentException("rule address " + a.getHostAddress() + " is not " + (ipv6 ? "IPv6" : "IPv4"));
        }
    }
}
