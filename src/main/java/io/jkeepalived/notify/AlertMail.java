package io.jkeepalived.notify;

/**
 * One alert mail as keepalived's core/smtp.c writes it: the subject already carries
 * {@code [router_id]}, the body is one short line such as {@code => CHECK failed on service <=}.
 * The factory methods give keepalived's subjects word for word.
 */
public record AlertMail(String subject, String body) {
    /** keepalived's MAX_HEADERS_LENGTH / MAX_BODY_LENGTH (including the terminating NUL). */
    static final int MAX_SUBJECT = 255;
    static final int MAX_BODY = 511;

    public AlertMail {
        subject = cut(subject, MAX_SUBJECT);
        body = cut(body, MAX_BODY);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** {@code [router] Realserver [192.0.2.11]:tcp:80 of virtual server [192.0.2.1]:tcp:80 - DOWN}. */
    public static AlertMail realServer(String routerId, String realServer, String virtualServer, boolean alive, String body) {
        return new AlertMail("[" + routerId + "] Realserver " + realServer + " of virtual server " + virtualServer
                + " - " + (alive ? "UP" : "DOWN"), body);
    }

    /** A real server removed at reload or shutdown: subject state is always DOWN. */
    public static AlertMail realServerShutdown(String routerId, String realServer, String virtualServer, boolean stopping) {
        return new AlertMail("[" + routerId + "] Realserver " + realServer + " of virtual server " + virtualServer + " - DOWN",
                stopping ? "=> Shutting down <=" : "=> Removing <=");
    }

    /** {@code [router] Virtualserver [192.0.2.1]:tcp:80 - UP} with the quorum line as body. */
    public static AlertMail virtualServer(String routerId, String virtualServer, boolean quorumUp, String body) {
        return new AlertMail("[" + routerId + "] Virtualserver " + virtualServer + " - " + (quorumUp ? "UP" : "DOWN"), body);
    }

    /** keepalived's quorum body: {@code => Lost quorum 3+1=2 <= 1 <=} (and the three other wordings). */
    public static String quorumBody(boolean up, boolean init, long quorum, long hysteresis, long threshold, long weightSum) {
        String what = up ? (init ? "Starting with quorum up" : "Gained quorum")
                : (init ? "Starting with quorum down" : "Lost quorum");
        return "=> " + what + " " + quorum + "+" + hysteresis + "=" + threshold + " <= " + weightSum + " <=";
    }

    /** {@code [router] VRRP Instance VI_1 - Entering MASTER state}. */
    public static AlertMail vrrpInstance(String routerId, String instance, VrrpEvent event) {
        return new AlertMail("[" + routerId + "] VRRP Instance " + instance + " - " + event.subject, event.instanceBody);
    }

    /** {@code [router] VRRP Group G1 - Entering MASTER state}. */
    public static AlertMail vrrpGroup(String routerId, String group, VrrpEvent event) {
        if (event.groupBody == null) {
            throw new IllegalArgumentException(event + " is not sent for sync groups");
        }
        return new AlertMail("[" + routerId + "] VRRP Group " + group + " - " + event.subject, event.groupBody);
    }

    /** The VRRP events keepalived mails about, with its subjects and bodies. */
    public enum VrrpEvent {
        MASTER("Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <=",
                "=> All VRRP group instances are now in MASTER state <="),
        BACKUP("Entering BACKUP state", "=> VRRP Instance is no longer owning VRRP VIPs <=",
                "=> All VRRP group instances are now in BACKUP state <="),
        FAULT("Entering FAULT state", "=> VRRP Instance is no longer owning VRRP VIPs <=",
                "=> All VRRP group instances are now in FAULT state <="),
        STOPPING("Stopping", "=> VRRP Instance stopping <=", "=> All VRRP group instances are now stopping <="),
        DELETED("Deleted", "=> VRRP Deleted at reload <=", null);

        final String subject;
        final String instanceBody;
        final String groupBody;

        VrrpEvent(String subject, String instanceBody, String groupBody) {
            this.subject = subject;
            this.instanceBody = instanceBody;
            this.groupBody = groupBody;
        }
    }
}
