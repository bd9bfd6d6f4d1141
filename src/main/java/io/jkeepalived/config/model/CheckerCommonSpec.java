package io.jkeepalived.config.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The keywords every checker understands, resolved with keepalived's inheritance: checker's own value,
 * else the real_server's, else the virtual_server's, else the checker type's default
 * (connect_timeout 5 s; retry 1 - DNS 3, MISC 0; delay_before_retry 3 s for HTTP/SSL, delay_loop for
 * DNS, 1 s otherwise; delay_loop 60 s; warmup = delay_loop).
 *
 * @param connectIp    where to connect (the real server's address unless connect_ip)
 * @param connectPort  where to connect (the real server's port unless connect_port)
 * @param warmup       the maximum random delay before the first check (ZERO disables)
 */
public record CheckerCommonSpec(
        InetAddress connectIp,
        int connectPort,
        Optional<InetAddress> bindTo,
        OptionalInt bindPort,
        Optional<String> bindIf,
        Duration connectTimeout,
        OptionalInt fwmark,
        int retry,
        Duration delayBeforeRetry,
        Duration warmup,
        Duration delayLoop,
        boolean alpha,
        boolean logAllFailures) {
}
