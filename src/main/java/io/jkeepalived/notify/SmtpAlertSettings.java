package io.jkeepalived.notify;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how alert mails go: global_defs {@code smtp_server [port]}, {@code smtp_helo_name},
 * {@code smtp_connect_timeout}, {@code notification_email_from}, {@code notification_email},
 * {@code router_id}. keepalived sends nothing when there is no server or no recipient.
 */
public record SmtpAlertSettings(InetSocketAddress server, String heloName, Duration connectTimeout, String from,
                                List<String> to, String routerId) {
    /** keepalived's defaults: port 25, 30 s timeout, HELO "localhost" when no helo name is set. */
    public static final int DEFAULT_PORT = 25;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_HELO = "localhost";

    public SmtpAlertSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        Objects.requireNonNull(routerId, "routerId");
    }

    /** keepalived sends only when an SMTP server and at least one address are configured. */
    public boolean enabled() {
        return !to.isEmpty();
    }
}
