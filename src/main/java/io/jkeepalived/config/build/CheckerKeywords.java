package io.jkeepalived.config.build;

import io.jkeepalived.config.model.CheckerCommonSpec;
import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.ScriptSpec;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keywords of the checker blocks (TCP_CHECK, HTTP_GET, MISC_CHECK ...), each beside what it does to the
 * {@link CheckerDraft}: the common ones of every checker, then each kind's own (the keyword tables already
 * dropped a keyword written in a checker kind that does not take it).
 */
final class CheckerKeywords {
    private static final Set<String> DNS_TYPES = Set.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA");

    private CheckerKeywords() {
    }

    static final KeywordTable<CheckerDraft> TABLE = KeywordTable.<CheckerDraft>of("checker")
            .on("url", CheckerKeywords::url)
                .applied(CheckerSpec.HttpGetSpec::urls)
            .on("http_protocol", (c, w) -> c.httpProtocol = w.required(0).orElse(c.httpProtocol))
                .applied(CheckerSpec.HttpGetSpec::httpProtocol)
            .on("virtualhost", (c, w) -> c.vhost = w.required(0))
                .applied(CheckerSpec.HttpGetSpec::virtualhost)
            .on("enable_sni", (c, w) -> c.sni = w.bool(0))
                .applied(CheckerSpec.HttpGetSpec::enableSni)
            .on("sni_name", (c, w) -> c.sniName = w.required(0))
                .applied(CheckerSpec.HttpGetSpec::sniName)
            .on("fast_recovery", (c, w) -> c.fastRecovery = w.bool(0))
                .applied(CheckerSpec.HttpGetSpec::fastRecovery)
            .on("tls_compliant", (c, w) -> c.tlsCompliant = w.bool(0))
                .applied(CheckerSpec.HttpGetSpec::tlsCompliant)
            .on("helo_name", (c, w) -> c.helo = w.required(0).orElse(c.helo))
                .applied(CheckerSpec.SmtpCheckSpec::heloName)
            .on("host", CheckerKeywords::host)
                .applied(CheckerSpec.SmtpCheckSpec::hosts)
            .on("misc_path", (c, w) -> c.misc = w.script(0).orElse(null))
                .applied(CheckerSpec.MiscCheckSpec::path)
            .on("misc_timeout", CheckerKeywords::miscTimeout)
                .applied(CheckerSpec.MiscCheckSpec::timeout)
            .on("misc_dynamic", (c, w) -> c.dynamic = true)
                .applied(CheckerSpec.MiscCheckSpec::dynamic)
            .on("user", CheckerKeywords::user)
                .applied(ScriptSpec::user)
            .on("type", CheckerKeywords::type)
                .applied(CheckerSpec.DnsCheckSpec::type)
            .on("name", CheckerKeywords::name)
                .applied(CheckerSpec.DnsCheckSpec::name)
            .on("payload", (c, w) -> c.payload = hex(w, w.rest(0), "Invalid hex string for UDP_CHECK payload"))
                .applied(CheckerSpec.UdpCheckSpec::payload)
            .on("require_reply", CheckerKeywords::requireReply)
                .applied(CheckerSpec.UdpCheckSpec::requireReply)
            .on("min_reply_length", (c, w) -> c.minLen = (int) w.integer(0, 0, 65535).orElse(c.minLen))
                .applied(CheckerSpec.UdpCheckSpec::minReplyLength)
            .on("max_reply_length", (c, w) -> c.maxLen = (int) w.integer(0, 0, 65535).orElse(c.maxLen))
                .applied(CheckerSpec.UdpCheckSpec::maxReplyLength)
            .on("track_file", (c, w) -> c.trackFile = w.required(0).orElse(null))
                .applied(CheckerSpec.FileCheckSpec::trackFile)
            .on("weight", CheckerKeywords::weight)
                .applied(CheckerSpec.FileCheckSpec::weight, CheckerSpec.FileCheckSpec::reverse)
            .include(CheckerCommonKeywords.TABLE, c -> c.common)
            // HTTP_GET's old name for retry.
            .on("nb_get_retry", CheckerKeywords::nbGetRetry)
                .applied(CheckerCommonSpec::retry)
            .build();

    private static void nbGetRetry(CheckerDraft c, Words w) {
        // keepalived reports it as a config error (exit 5), not only as a deprecation note.
        w.warning("nb_get_retry is deprecated - please use 'retry'");
        c.common.own = c.common.own.withRetry(LvsLineValues.retry(w).orElse(c.common.own.retry()));
    }

    private static void host(CheckerDraft c, Words w) {
        // A host takes the checker's own values as written so far, over what the real server passes down.
        var host = new CheckerCommonDraft();
        CheckerCommonKeywords.TABLE.readAll(host, w.node(), c.sink);
        c.hosts.add(host.resolve(c.kind, c.rsIp, c.rsPort, c.common.own.over(c.parent), c.logAllFailuresDefault));
    }

    private static void miscTimeout(CheckerDraft c, Words w) {
        var v = w.integer(0, 1, Integer.MAX_VALUE);
        if (v.isPresent()) {
            c.miscTimeout = Duration.ofSeconds(v.getAsLong());
        }
    }

    private static void user(CheckerDraft c, Words w) {
        c.miscUser = w.required(0).orElse(null);
        c.miscGroup = w.arg(1).orElse(null);
    }

    private static void type(CheckerDraft c, Words w) {
        var t = w.required(0).map(s -> s.toUpperCase(Locale.ROOT));
        if (t.isPresent() && DNS_TYPES.contains(t.get())) {
            c.dnsType = t.get();
        } else {
            t.ifPresent(s -> w.error("Unknown DNS check type " + s + " - ignoring"));
        }
    }

    private static void name(CheckerDraft c, Words w) {
        if (c.kind.equals("BFD_CHECK")) {
            c.bfdName = w.required(0).orElse(null);
        } else {
            c.dnsName = w.required(0).orElse(c.dnsName);
        }
    }

    private static void requireReply(CheckerDraft c, Words w) {
        c.requireReply = true;
        c.replyPattern = w.arg(0).isPresent() ? Optional.of(w.rest(0).replace(" ", "")) : Optional.empty();
    }

    private static void weight(CheckerDraft c, Words w) {
        c.fileWeight = w.intIn(0, -254, 254);
        c.fileReverse = w.arg(1).filter("reverse"::equals).isPresent();
    }

    private static void url(CheckerDraft c, Words w) {
        var url = new UrlDraft();
        UrlKeywords.TABLE.readAll(url, w.node(), c.sink);
        url.finish(w).ifPresent(c.urls::add);
    }

    private static Optional<byte[]> hex(Words w, String text, String error) {
        var t = text.replace(" ", "");
        try {
            return Optional.of(HexFormat.of().parseHex(t.length() % 2 == 1 ? "0" + t : t));
        } catch (IllegalArgumentException e) {
            w.error(error);
            return Optional.empty();
        }
    }
}
