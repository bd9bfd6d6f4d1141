package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * SMTP_CHECK for one host (keepalived 2.2.7 turns each {@code host {}} block into its own checker):
 * greeting must be {@code 220 }, {@code HELO helo_name} must get {@code 250 }, then {@code QUIT} and
 * one reply line. Status codes are read as keepalived reads them: three digits then a space or the
 * end of the line ({@code 220-} multi-line greetings fail, as in keepalived).
 */
public final class SmtpChecker implements Checker {
    /** keepalived's SMTP_DEFAULT_HELO. */
    public static final String DEFAULT_HELO = "smtpchecker.keepalived.org";
    /** keepalived's SMTP_BUFF_MAX: a line longer than this is cut. */

    private final CheckIo io;
    private final CheckTarget target;
    private final String heloName;

    public SmtpChecker(CheckIo io, CheckTarget target, String heloName) {
        this.io = io;
        this.target = target;
        this.heloName = heloName;
    }

    @Override
    public String describe() {
        return "SMTP_CHECK of " + target.label();
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        io.start(timeout, done, attempt -> attempt.finish(converse(attempt)));
    }

    private CheckResult converse(Attempt attempt) {
        attempt.timeoutResult(() -> fail("Connection timeout to server"));
        Socket socket = attempt.own(new Socket());
        try {
            if (target.bindTo().isPresent()) {
                socket.bind(target.bindTo().get());
            }
            socket.connect(target.connectTo(), attempt.remainingMillis());
        } catch (SocketTimeoutException e) {
            return fail("Connection timeout to server");
        } catch (ConnectException | NoRouteToHostException e) {
            return fail("Could not connect to server", e);
        } catch (IOException e) {
            return fail("Error connecting to server", e);
        }
        attempt.timeoutResult(() -> fail("Read timeout from server"));
        try {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), SmtpReplies.MAX_LINE);
            OutputStream out = socket.getOutputStream();
            String banner = readLine(in);
            if (banner == null) {
                return fail("Read failure from server", "connection closed");
            }
            if (status(banner) != 220) {
                return fail("Bad greeting banner from server", "'" + banner + "'");
            }
            if (!write(out, "HELO " + heloName + "\r\n")) {
                return fail("Write failure to server");
            }
            String helo = readLine(in);
            if (helo == null) {
                return fail("Read failure from server", "connection closed");
            }
            if (status(helo) != 250) {
                return fail("Bad HELO response from server", "'" + helo + "'");
            }
            if (!write(out, "QUIT\r\n")) {
                return fail("Write failure to server");
            }
            if (readLine(in) == null) {
                return fail("Read failure from server", "connection closed");
            }
            return CheckResult.success();
        } catch (IOException e) {
            return fail("Read failure from server", e);
        }
    }

    private static boolean write(OutputStream out, String line) {
        try {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        return SmtpReplies.readLine(in);
    }

    static int status(String line) {
        return SmtpReplies.status(line);
    }

    private CheckResult fail(String message) {
        return CheckResult.failure(message + " " + target.label() + ".");
    }

    private CheckResult fail(String message, Throwable e) {
        return fail(message, HttpExchange.reason(e));
    }

    private CheckResult fail(String message, String reason) {
        return CheckResult.failure(message + " " + target.label() + ": " + reason + ".");
    }
}
