package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * DNS_CHECK: one UDP query (recursion desired, class IN) for {@code name}/{@code type}; keepalived's
 * rule for a good answer is a reply with our id, the QR bit, and RCODE 0 - the answer section is not
 * looked at. Replies that do not match (short, other id, not a response) are ignored until the timeout.
 * Messages are built and read with dnsjava.
 */
public final class DnsChecker implements Checker {
    /** The query types keepalived accepts (its DNS_TYPE table). */
    public static final List<String> TYPES = List.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA", "RRSIG", "DNSKEY");

    private final CheckIo io;
    private final CheckTarget target;
    private final Name name;
    private final int type;
    private final RandomGenerator ids;

    /** @throws IllegalArgumentException naming the bad type or name */
    public DnsChecker(CheckIo io, CheckTarget target, String type, String name, RandomGenerator ids) {
        this.io = io;
        this.target = target;
        this.type = parseType(type).orElseThrow(() -> new IllegalArgumentException("Unknown DNS check type " + type));
        try {
            this.name = ".".equals(name) ? Name.root : Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("DNS_CHECK name '" + name + "': " + e.getMessage(), e);
        }
        this.ids = ids;
    }

    public static Optional<Integer> parseType(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return TYPES.contains(upper) ? Optional.of(Type.value(upper)) : Optional.empty();
    }

    @Override
    public String describe() {
        return "DNS_CHECK of " + target.label();
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        io.start(timeout, done, attempt -> attempt.finish(query(attempt)));
    }

    private CheckResult query(Attempt attempt) {
        attempt.timeoutResult(() -> fail("read timeout from socket"));
        int id;
        synchronized (ids) { // shared by every DNS_CHECK; SplittableRandom & co. are not thread-safe
            id = ids.nextInt(0x10000);
        }
        var query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        query.getHeader().setID(id);
        byte[] wire = query.toWire();
        try {
            DatagramChannel channel = attempt.own(DatagramChannel.open(
                    target.connectTo().getAddress() instanceof java.net.Inet6Address
                            ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET));
            if (target.bindTo().isPresent()) {
                channel.bind(target.bindTo().get());
            }
            channel.connect(target.connectTo());
            if (channel.write(ByteBuffer.wrap(wire)) != wire.length) {
                return fail("failed to write all of the datagram.");
            }
            var buf = ByteBuffer.allocate(4096);
            while (true) {
                buf.clear();
                int n = channel.read(buf);
                if (!(DnsReply.judge(buf.array(), n, id) instanceof DnsReply.Answer answer)) {
                    continue; // keepalived: too small, not ours or not a response - wait for another
                }
                int rcode = answer.rcode();
                return rcode == Rcode.NOERROR ? CheckResult.success()
                        : fail("read error occurred. (rcode = " + rcode + ", " + Rcode.string(rcode) + ")");
            }
        } catch (PortUnreachableException e) {
            return fail("failed to read socket; port unreachable");
        } catch (IOException e) {
            return fail("failed to read socket; " + HttpExchange.reason(e));
        }
    }

    /** keepalived's "DNS_CHECK (server) message". */
    private CheckResult fail(String message) {
        return CheckResult.failure("DNS_CHECK (" + target.label() + ") " + message);
    }
}
