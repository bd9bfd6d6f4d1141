package io.jkeepalived.check.checkers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Reads an HTTP response as it streams in, the way keepalived's check_http.c does: the header must
 * end (CRLF CRLF) within 4095 bytes; the status code and {@code Content-Length:} are taken from it;
 * the body is never kept - it goes through MD5 (only up to Content-Length when there is one) and a
 * bounded {@link RegexWindow}. Memory stays a few kilobytes whatever the server sends.
 */
final class HttpResponseReader {
    /** keepalived's MAX_BUFFER_LENGTH - 1: a header that does not end within this is no answer. */
    static final int MAX_HEADER = 4095;
    private static final byte[] CONTENT_LENGTH = "Content-Length:".getBytes(StandardCharsets.US_ASCII);

    /** Sees the raw header and the body bytes that go into the digest (genhash's verbose dump). */
    public interface Listener {
        void header(byte[] bytes, int length);

        void body(byte[] bytes, int offset, int length);
    }

    /** Only allocated when the header does not arrive in one piece. */
    private byte[] header;
    private int headerLength;
    private int headerEnd = -1;
    private boolean headerOverflow;
    private int statusCode;
    private long contentLength = -1;
    private long bodyBytes;
    private final MessageDigest md5;
    private final RegexWindow regex;
    private final Listener listener;

    /** @param regex the url's regex window, null when the url has none */
    HttpResponseReader(boolean digest, RegexWindow regex, Listener listener) {
        this.md5 = digest ? newMd5() : null;
        this.regex = regex;
        this.listener = listener;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** Takes the next bytes; returns false once nothing more can change the outcome. */
    boolean feed(byte[] buf, int off, int len) {
        if (headerEnd >= 0) {
            body(buf, off, len);
            return wantsMore();
        }
        if (headerLength == 0) {
            // The usual case: the whole header in the first read - parse it where it lies, no copy.
            int end = findHeaderEnd(buf, off, off + Math.min(len, MAX_HEADER));
            if (end >= 0) {
                headerEnd = end - off;
                headerParsed(buf, off, end);
                body(buf, end, off + len - end);
                return wantsMore();
            }
        }
        if (header == null) {
            header = new byte[MAX_HEADER];
        }
        int n = Math.min(len, MAX_HEADER - headerLength);
        System.arraycopy(buf, off, header, headerLength, n);
        int searchFrom = Math.max(0, headerLength - 3);
        headerLength += n;
        int end = findHeaderEnd(header, searchFrom, headerLength);
        if (end < 0) {
            headerOverflow = headerLength == MAX_HEADER;
            return !headerOverflow;
        }
        headerEnd = end;
        headerParsed(header, 0, end);
        body(header, headerEnd, headerLength - headerEnd);
        body(buf, off + n, len - n);
        return wantsMore();
    }

    private void headerParsed(byte[] a, int from, int end) {
        statusCode = parseStatusCode(a, from, end);
        contentLength = parseContentLength(a, from, end);
        if (listener != null) {
            listener.header(java.util.Arrays.copyOfRange(a, from, end), end - from);
        }
    }

    private boolean wantsMore() {
        if (md5 == null && (regex == null || regex.decided())) {
            return false;
        }
        return contentLength < 0 || bodyBytes < contentLength;
    }

    private void body(byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (md5 != null && (contentLength < 0 || bodyBytes < contentLength)) {
            int take = contentLength < 0 ? len : (int) Math.min(len, contentLength - bodyBytes);
            md5.update(buf, off, take);
            if (listener != null) {
                listener.body(buf, off, take);
            }
        }
        // like the digest, the regex sees the body only up to Content-Length: bytes past it that happen to
        // arrive in the same read must not decide the check (found by HttpResponseReaderFuzzTest)
        int inBody = contentLength < 0 ? len : (int) Math.max(0, Math.min(len, contentLength - bodyBytes));
        bodyBytes += len;
        if (regex != null) {
            regex.feed(buf, off, inBody);
        }
    }

    private static int findHeaderEnd(byte[] a, int from, int limit) {
        for (int i = from; i + 3 < limit; i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** keepalived's extract_status_code: the 3 digits between the first and second space. */
    private static int parseStatusCode(byte[] a, int from, int end) {
        int i = from;
        while (i < end && a[i] != ' ' && a[i] != '\r') {
            i++;
        }
        if (i >= end || a[i] != ' ') {
            return 0;
        }
        i++;
        if (i + 3 >= end || a[i + 3] != ' ') {
            return 0;
        }
        int code = 0;
        for (int k = 0; k < 3; k++) {
            int d = a[i + k] - '0';
            if (d < 0 || d > 9) {
                return 0;
            }
            code = code * 10 + d;
        }
        return code;
    }

    /** keepalived's extract_content_length: "Content-Length:" (case as written), digits, end of line. */
    private static long parseContentLength(byte[] a, int from, int end) {
        outer:
        for (int i = from; i + CONTENT_LENGTH.length <= end; i++) {
            for (int k = 0; k < CONTENT_LENGTH.length; k++) {
                if (a[i + k] != CONTENT_LENGTH[k]) {
                    continue outer;
                }
            }
            int p = i + CONTENT_LENGTH.length;
            while (p < end && (a[p] == ' ' || a[p] == '\t')) {
                p++;
            }
            long value = 0;
            int digits = 0;
            while (p < end && a[p] >= '0' && a[p] <= '9' && digits < 18) {
                value = value * 10 + (a[p++] - '0');
                digits++;
            }
            if (digits == 0 || (p < end && a[p] != '\r' && a[p] != '\n')) {
                return -1;
            }
            return value;
        }
        return -1;
    }

    boolean headerComplete() {
        return headerEnd >= 0;
    }

    boolean headerOverflow() {
        return headerOverflow;
    }

    int statusCode() {
        return statusCode;
    }

    long contentLength() {
        return contentLength;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    boolean regexStackExhausted() {
        return regex != null && regex.stackExhausted();
    }

    boolean regexMatched() {
        return regex != null && regex.matched();
    }

    /** The MD5 of the body; call once, at the end. */
    byte[] digest() {
        return md5 == null ? null : md5.digest();
    }
}
