package io.jkeepalived.config.build;

import io.jkeepalived.config.model.CheckerCommonSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The common keywords as written in one checker (or SMTP_CHECK host) block; null = not written. */
final class CheckerCommonDraft {
    InetAddress connectIp;
    Integer connectPort;
    InetAddress bindTo;
    Integer bindPort;
    String bindIf;
    Integer fwmark;
    Boolean logAllFailures;
    CheckerDefaults own = CheckerDefaults.NONE;

    /** What was written here, else what the real/virtual server passed down, else the checker kind's default. */
    CheckerCommonSpec resolve(String kind, InetAddress rsIp, int rsPort, CheckerDefaults parent,
            boolean logAllFailuresDefault) {
        var r = own.over(parent);
        var delayLoop = r.delayLoop() == null ? LvsBuilder.DEFAULT_DELAY_LOOP : r.delayLoop();
        int retry = r.retry() != null ? r.retry() : switch (kind) {
            case "DNS_CHECK" -> 3;
            case "MISC_CHECK" -> 0;
            default -> 1;
        };
        var dbr = r.delayBeforeRetry() != null ? r.delayBeforeRetry() : switch (kind) {
            case "HTTP_GET", "SSL_GET" -> Duration.ofSeconds(3);
            case "DNS_CHECK" -> delayLoop;
            default -> Duration.ofSeconds(1);
        };
        return new CheckerCommonSpec(connectIp != null ? connectIp : rsIp, connectPort != null ? connectPort : rsPort,
                Optional.ofNullable(bindTo), bindPort == null ? OptionalInt.empty() : OptionalInt.of(bindPort),
                Optional.ofNullable(bindIf),
                r.connectTimeout() != null ? r.connectTimeout() : LvsBuilder.DEFAULT_CONNECT_TIMEOUT,
                fwmark == null ? OptionalInt.empty() : OptionalInt.of(fwmark), retry, dbr,
                r.warmup() != null ? r.warmup() : delayLoop, delayLoop, r.alpha() != null && r.alpha(),
                logAllFailures != null ? logAllFailures : logAllFailuresDefault);
    }
}
