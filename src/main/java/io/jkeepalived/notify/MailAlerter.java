package io.jkeepalived.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Date;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends keepalived's alert mails through {@code smtp_server} with Jakarta Mail (Eclipse Angus),
 * the way keepalived does: HELO (not EHLO) with {@code smtp_helo_name}, MAIL FROM
 * {@code notification_email_from}, one RCPT per {@code notification_email}, headers Date, From,
 * Subject, {@code X-Mailer: Keepalived}, To. Asynchronous: {@link #send} only queues (bounded) and never
 * blocks the caller; one mailer thread sends, each mail bounded by {@code smtp_connect_timeout}.
 */
public final class MailAlerter implements AutoCloseable {
    private static final AlertMail STOP = new AlertMail("", "");
    private final SmtpAlertSettings settings;
    private final Consumer<String> log;
    private final Session session;
    private final BlockingQueue<AlertMail> queue;
    private final Thread sender;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param log      receives keepalived-style lines ("SMTP alert successfully sent.", errors)
     * @param capacity mails waiting at most; more are dropped and logged
     */
    public MailAlerter(SmtpAlertSettings settings, Consumer<String> log, int capacity) {
        this.settings = settings;
        this.log = log;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.session = Session.getInstance(properties(settings));
        this.sender = Thread.ofPlatform().daemon().name("jkp-mailer").start(this::run);
    }

    static Properties properties(SmtpAlertSettings s) {
        var p = new Properties();
        String millis = Long.toString(s.connectTimeout().toMillis());
        p.setProperty("mail.smtp.host", s.server().getAddress().getHostAddress());
        p.setProperty("mail.smtp.port", Integer.toString(s.server().getPort()));
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.ehlo", "false");
        p.setProperty("mail.smtp.localhost", s.heloName());
        p.setProperty("mail.smtp.from", s.from());
        p.setProperty("mail.smtp.quitwait", "true");
        return p;
    }

    /** Queues a mail; false (and a log line) when alerts are off or the queue is full. Never blocks. */
    public boolean send(AlertMail mail) {
        if (!settings.enabled()) {
            return false;
        }
        if (!queue.offer(mail)) {
            long n = dropped.incrementAndGet();
            log.accept("SMTP alert queue full - dropping mail \"" + mail.subject() + "\" (" + n + " dropped so far)");
            return false;
        }
        return true;
    }

    public long sentCount() {
        return sent.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public long droppedCount() {
        return dropped.get();
    }

    private void run() {
        while (true) {
            AlertMail mail;
            try {
                mail = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (mail == STOP) {
                return;
            }
            deliver(mail);
        }
    }

    private void deliver(AlertMail mail) {
        try {
            var message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(", ", settings.to())));
            if (mail.subject().chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                // keepalived writes the subject on one line; Jakarta's setSubject would fold it at 76
                message.setHeader("Subject", mail.subject());
            } else {
                message.setSubject(mail.subject(), "UTF-8");
            }
            message.setSentDate(new Date());
            message.setHeader("X-Mailer", "Keepalived");
            message.setText(mail.body() + "\r\n", "UTF-8");
            Transport.send(message);
            sent.incrementAndGet();
            log.accept("SMTP alert successfully sent.");
        } catch (AddressException e) {
            failed.incrementAndGet();
            log.accept("Error sending SMTP alert: bad address: " + e.getMessage());
        } catch (MessagingException | RuntimeException e) {
            failed.incrementAndGet();
            log.accept(describeFailure(e));
        }
    }

    /** keepalived's words for what went wrong, plus what the server or the socket said. */
    private String describeFailure(Exception e) {
        String server = "[" + settings.server().getAddress().getHostAddress() + "]:" + settings.server().getPort();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.toString() : root.getMessage().strip();
        boolean connecting = e.getClass().getSimpleName().equals("MailConnectException");
        if (root instanceof java.net.SocketTimeoutException) {
            return (connecting ? "Timeout connecting SMTP server " : "Timeout reading data to remote SMTP server ")
                    + server + ". (" + why + ")";
        }
        if (connecting || root instanceof java.net.ConnectException) {
            return "SMTP connection ERROR to " + server + ". (" + why + ")";
        }
        return "Error processing SMTP alert on SMTP server " + server + ". (" + why + ")";
    }

    /** Stops after the mails already queued are sent (each bounded by the connect timeout). */
    @Override
    public void close() {
        if (!queue.offer(STOP)) {
            sender.interrupt();
        }
        try {
            sender.join(settings.connectTimeout().toMillis() * 3 + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }
}
