package io.jkeepalived.config.lex;

import io.jkeepalived.config.Severity;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration file's text, decoded from UTF-8, handed out one physical line at a time.
 * Invalid UTF-8 is reported with its line and column and replaced by U+FFFD.
 */
final class SourceText {
    /** keepalived configurations are a few hundred KiB at most; bigger files are refused, not parsed. */
    static final int MAX_FILE_BYTES = 32 << 20;
    private static final int MAX_UTF8_REPORTS = 10;

    private final String text;
    private final Origin fileOrigin;
    private int next;
    private int lineNo;

    private SourceText(String text, Origin fileOrigin) {
        this.text = text;
        this.fileOrigin = fileOrigin;
    }

    /** Text handed in directly (tests, fuzzing): already decoded. */
    static SourceText of(String text, Origin fileOrigin) {
        return new SourceText(text, fileOrigin);
    }

    /** Decodes {@code bytes}, reporting each malformed sequence (the first few) at its line:column. */
    static SourceText decode(byte[] bytes, Origin fileOrigin, Findings findings) {
        if (isAscii(bytes)) {
            return new SourceText(new String(bytes, StandardCharsets.ISO_8859_1), fileOrigin);
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 16);
        List<Integer> badAt = new ArrayList<>();
        int bad = 0;
        while (true) {
            CoderResult r = dec.decode(in, out, true);
            if (r.isUnderflow()) {
                dec.flush(out);
                break;
            }
            if (r.isError()) {
                if (bad++ < MAX_UTF8_REPORTS) {
                    badAt.add(out.position());
                }
                out.put('\uFFFD');
                in.position(in.position() + r.length());
            } else {
                // Overflow cannot happen (one char per byte at most), but never loop forever.
                break;
            }
        }
        out.flip();
        String s = out.toString();
        if (!badAt.isEmpty()) {
            int line = 1;
            int lineStart = 0;
            int scanned = 0;
            for (int at : badAt) {
                for (; scanned < at; scanned++) {
                    if (s.charAt(scanned) == '\n') {
                        line++;
                        lineStart = scanned + 1;
                    }
                }
                findings.add(Severity.ERROR,
                        new Origin(fileOrigin.file(), line, fileOrigin.includeChain()).at(at - lineStart + 1),
                        "invalid UTF-8 byte sequence - replaced by U+FFFD");
            }
            if (bad > MAX_UTF8_REPORTS) {
                findings.add(Severity.ERROR, fileOrigin.at(0),
                        (bad - MAX_UTF8_REPORTS) + " further invalid UTF-8 sequences in " + fileOrigin.file());
            }
        }
        return new SourceText(s, fileOrigin);
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    /** 1-based number of the line last returned. */
    int lineNo() {
        return lineNo;
    }

    Origin fileOrigin() {
        return fileOrigin;
    }

    /** The whole decoded text; lines are ranges of it. */
    String text() {
        return text;
    }

    private int lineStart;
    private int lineEnd;

    /** Moves to the next physical line; false at end of file. Its range is {@link #start()}..{@link #end()}. */
    boolean advance() {
        if (next >= text.length()) {
            return false;
        }
        int nl = text.indexOf('\n', next);
        int end = nl < 0 ? text.length() : nl;
        lineStart = next;
        next = nl < 0 ? text.length() : nl + 1;
        lineNo++;
        while (end > lineStart && text.charAt(end - 1) == '\r') {
            end--;
        }
        lineEnd = end;
        return true;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /** The next physical line without its line end, or null at end of file. */
    String nextLine() {
        if (next >= text.length()) {
            return null;
        }
        int nl = text.indexOf('\n', next);
        int end = nl < 0 ? text.length() : nl;
        int start = next;
        next = nl < 0 ? text.length() : nl + 1;
        lineNo++;
        while (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, end);
    }
}
