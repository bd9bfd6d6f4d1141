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

    /**
     * The settings global_defs gives, with keepalived's defaults: HELO name = the host name, sender =
     * {@code user@hostname}, router_id = the host name. Empty when no {@code smtp_server} is set (or its
     * name does not resolve - {@code warnings} says so).
     */
    public static java.util.Optional<SmtpAlertSettings> from(io.jkeepalived.config.model.GlobalDefs g, String hostName,
                                                            String userName, java.util.function.Consumer<String> warnings) {
        java.util.Optional<java.net.InetAddress> address = g.smtpServer();
        if (address.isEmpty() && g.smtpServerName().isPresent()) {
            try {
                address = java.util.Optional.of(java.net.InetAddress.getByName(g.smtpServerName().get()));
            } catch (java.net.UnknownHostException e) {
                warnings.accept("Invalid smtp server " + g.smtpServerName().get() + " - cannot resolve it");
            }
        }
        int port = g.smtpServerPort() > 0 ? g.smtpServerPort() : DEFAULT_PORT;
        Duration timeout = g.smtpConnectTimeout().isZero() ? DEFAULT_TIMEOUT : g.smtpConnectTimeout();
        return address.map(a -> new SmtpAlertSettings(new InetSocketAddress(a, port), g.smtpHeloName().orElse(hostName),
                timeout, g.notificationEmailFrom().orElse(userName + "@" + hostName), g.notificationEmail(),
                g.routerId().orElse(hostName)));
    }

    /** keepalived sends only when an SMTP server and at least one address are configured. */
    public boolean enabled() {
        return !to.isEmpty();
    }
}
