package io.jkeepalived.check.checkers;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reading an SMTP server's reply lines as keepalived's check_smtp does: one line at a time, bounded (bytes past
 * {@link #MAX_LINE} are dropped, so a server cannot make us hold more), and the status code of a line.
 */
final class SmtpReplies {
    static final int MAX_LINE = 512;

    private SmtpReplies() {
    }

    /** Reads up to a newline (a trailing CR is dropped); null at end of stream. */
    static String readLine(InputStream in) throws IOException {
        var sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int end = sb.length();
                return end > 0 && sb.charAt(end - 1) == '\r' ? sb.substring(0, end - 1) : sb.toString();
            }
            if (sb.length() < MAX_LINE) {
                sb.append((char) b);
            }
        }
        return null;
    }

    /** keepalived's smtp_get_status: exactly 3 ASCII digits, then a space or the end; -1 otherwise. */
    static int status(String line) {
        if (line.length() < 3 || (line.length() > 3 && line.charAt(3) != ' ')) {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }
}
