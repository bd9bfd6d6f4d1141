package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.CheckerCommonSpec;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.UrlSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One checker block (any kind) while it is read: the common keywords in {@link #common}, each kind's own
 * below; {@link #finish} makes the kind's record with keepalived's defaults and end-of-block checks.
 */
final class CheckerDraft {
    // What the block is and what it inherits; the handlers of host and url blocks need them too.
    final DiagnosticSink sink;
    final String kind;
    final InetAddress rsIp;
    final int rsPort;
    final CheckerDefaults parent;
    final boolean logAllFailuresDefault;
    final CheckerCommonDraft common = new CheckerCommonDraft();

    final List<UrlSpec> urls = new ArrayList<>();
    String httpProtocol = "1.0";
    Optional<String> vhost;
    boolean sni;
    Optional<String> sniName = Optional.empty();
    boolean fastRecovery;
    boolean tlsCompliant;
    String helo;
    final List<CheckerCommonSpec> hosts = new ArrayList<>();
    ScriptSpec misc;
    Duration miscTimeout;
    boolean dynamic;
    String miscUser;
    String miscGroup;
    String dnsType = "SOA";
    String dnsName = ".";
    Optional<byte[]> payload = Optional.empty();
    boolean requireReply;
    Optional<String> replyPattern = Optional.empty();
    int minLen;
    int maxLen = 255;
    String trackFile;
    OptionalInt fileWeight = OptionalInt.empty();
    boolean fileReverse;
    String bfdName;

    CheckerDraft(ConfigNode block, InetAddress rsIp, int rsPort, CheckerDefaults parent, GlobalDefs globals,
            DiagnosticSink sink) {
        this.sink = sink;
        this.kind = block.name();
        this.rsIp = rsIp;
        this.rsPort = rsPort;
        this.parent = parent;
        this.logAllFailuresDefault = globals.checkerLogAllFailures();
        this.vhost = Optional.ofNullable(parent.virtualhost());
        this.helo = globals.smtpHeloName().orElse("localhost");
    }

    /** The checker; empty when keepalived drops it (said at the end of its block). */
    Optional<CheckerSpec> finish(ConfigNode block) {
        var c = common.resolve(kind, rsIp, rsPort, parent, logAllFailuresDefault);
        var pos = block.pos();
        return switch (kind) {
            case "TCP_CHECK" -> Optional.of(new CheckerSpec.TcpCheckSpec(c, pos));
            case "HTTP_GET", "SSL_GET" -> {
                if (urls.isEmpty()) {
                    sink.error(VrrpBuilder.endPos(block), "HTTP/SSL_GET checker has no urls specified - ignoring");
                    yield Optional.empty();
                }
                yield Optional.of(new CheckerSpec.HttpGetSpec(c, kind.equals("SSL_GET"), urls, vhost, httpProtocol, sni,
                        sniName, fastRecovery, tlsCompliant, pos));
            }
            case "SMTP_CHECK" -> Optional.of(new CheckerSpec.SmtpCheckSpec(c, helo, hosts, pos));
            case "MISC_CHECK" -> {
                if (misc == null) {
                    sink.error(VrrpBuilder.endPos(block), "No script path has been specified for MISC_CHECKER - skipping");
                    yield Optional.empty();
                }
                if (miscUser != null) {
                    misc = new ScriptSpec(misc.commandLine(), misc.argv(), Optional.of(miscUser),
                            Optional.ofNullable(miscGroup), misc.pos());
                }
                yield Optional.of(new CheckerSpec.MiscCheckSpec(c, misc, miscTimeout != null ? miscTimeout : c.delayLoop(),
                        dynamic, pos));
            }
            case "DNS_CHECK" -> Optional.of(new CheckerSpec.DnsCheckSpec(c, dnsType, dnsName, pos));
            case "UDP_CHECK" -> Optional.of(new CheckerSpec.UdpCheckSpec(c, payload, requireReply, replyPattern, minLen,
                    maxLen, pos));
            case "PING_CHECK" -> Optional.of(new CheckerSpec.PingCheckSpec(c, pos));
            case "FILE_CHECK" -> {
                if (trackFile == null) {
                    sink.error(VrrpBuilder.endPos(block), "FILE_CHECK without track_file - ignoring");
                    yield Optional.empty();
                }
                yield Optional.of(new CheckerSpec.FileCheckSpec(c, trackFile, fileWeight, fileReverse, pos));
            }
            case "BFD_CHECK" -> {
                if (bfdName == null) {
                    sink.error(VrrpBuilder.endPos(block), "BFD_CHECK without name - ignoring");
                    yield Optional.empty();
                }
                yield Optional.of(new CheckerSpec.BfdCheckSpec(c, bfdName, pos));
            }
            default -> Optional.empty();
        };
    }
}
