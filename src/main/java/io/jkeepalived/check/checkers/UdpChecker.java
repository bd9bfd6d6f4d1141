package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * UDP_CHECK: sends the payload on a connected socket and waits for the timeout. An ICMP port
 * unreachable (seen by the connected channel as {@link PortUnreachableException}) fails; silence
 * passes unless {@code require_reply}; a reply must be min..max bytes long and match the pattern on
 * the bytes both have ('X' nibbles match anything) - keepalived's check_udp_reply.
 */
public final class UdpChecker implements Checker {
    /** keepalived's UDP_BUFSIZE: the payload sent when none is configured. */
    static final int DEFAULT_PAYLOAD_LENGTH = 32;

    /** What a reply must look like. {@code mask} bits set = don't care. */
    public record ReplyRule(boolean required, Optional<byte[]> data, Optional<byte[]> mask, int minLength, int maxLength) {
        public static ReplyRule none() {
            return new ReplyRule(false, Optional.empty(), Optional.empty(), 0, 255);
        }

        /** Parses keepalived's require_reply hex text; 'X'/'x' makes a nibble a wildcard. */
        public static ReplyRule require(String hex, int minLength, int maxLength) {
            String digits = hex.replaceAll("\\s", "");
            if (digits.length() % 2 != 0 || digits.isEmpty()) {
                throw new IllegalArgumentException("Invalid hex string for UDP_CHECK require_reply '" + hex + "'");
            }
            byte[] data = new byte[digits.length() / 2];
            byte[] mask = new byte[data.length];
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                int shift = i % 2 == 0 ? 4 : 0;
                if (c == 'X' || c == 'x') {
                    mask[i / 2] |= (byte) (0xf << shift);
                } else {
                    int v = Character.digit(c, 16);
                    if (v < 0) {
                        throw new IllegalArgumentException("Invalid hex string for UDP_CHECK require_reply '" + hex + "'");
                    }
                    data[i / 2] |= (byte) (v << shift);
                }
            }
            return new ReplyRule(true, Optional.of(data), Optional.of(mask), minLength, maxLength);
        }

        boolean matches(byte[] reply, int length) {
            if (length < minLength || length > maxLength) {
                return false;
            }
            if (data.isEmpty()) {
                return true;
            }
            byte[] d = data.get();
            byte[] m = mask.orElse(new byte[d.length]);
            int n = Math.min(length, d.length);
            for (int i = 0; i < n; i++) {
                if (((reply[i] ^ d[i]) & ~m[i] & 0xff) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private final CheckIo io;
    private final CheckTarget target;
    private final byte[] payload;
    private final ReplyRule rule;

    public UdpChecker(CheckIo io, CheckTarget target, Optional<byte[]> payload, ReplyRule rule) {
        this.io = io;
        this.target = target;
        this.payload = payload.map(byte[]::clone).orElse(new byte[DEFAULT_PAYLOAD_LENGTH]);
        this.rule = rule;
    }

    @Override
    public String describe() {
        return "UDP_CHECK of " + target.label();
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        io.start(timeout, done, attempt -> attempt.finish(exchange(attempt)));
    }

    private CheckResult exchange(Attempt attempt) {
        // keepalived: a read timeout is success unless a reply is required
        attempt.timeoutResult(() -> rule.required() ? fail("UDP connection to", "no reply") : CheckResult.success());
        try {
            DatagramChannel channel = attempt.own(DatagramChannel.open(target.connectTo().getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET));
            if (target.bindTo().isPresent()) {
                channel.bind(target.bindTo().get());
            }
            channel.connect(target.connectTo());
            channel.write(ByteBuffer.wrap(payload));
            var buf = ByteBuffer.allocate(rule.maxLength() + 1);
            int n = channel.read(buf);
            if (!rule.required()) {
                return CheckResult.success();
            }
            return rule.matches(buf.array(), n) ? CheckResult.success()
                    : fail("UDP check to", "reply data mismatch (" + n + " bytes)");
        } catch (PortUnreachableException e) {
            return fail("UDP connection to", "ICMP port unreachable");
        } catch (IOException e) {
            return fail("UDP connection to", HttpExchange.reason(e));
        }
    }

    private CheckResult fail(String prefix, String reason) {
        return CheckResult.failure(prefix + " " + target.label() + " failed: " + reason + ".");
    }
}
