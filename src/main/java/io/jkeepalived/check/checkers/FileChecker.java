package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * FILE_CHECK: the number in a track_file sets the real server's weight or faults it (keepalived
 * track_file.c). With weight 0 any non-zero value is a fault (reverse: zero is); otherwise the server's
 * weight moves by value × weight (× -1 with reverse). A missing or unreadable file reads as 0.
 */
public final class FileChecker implements Checker {
    private final Path file;
    private final int weight;
    private final boolean reverse;
    private final int baseWeight;

    /**
     * @param baseWeight the real server's configured weight, to which the file's offset is added
     */
    public FileChecker(Path file, int weight, boolean reverse, int baseWeight) {
        this.file = file;
        this.weight = weight;
        this.reverse = reverse;
        this.baseWeight = baseWeight;
    }

    @Override
    public String describe() {
        return "FILE_CHECK of " + file;
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        done.accept(evaluate(readValue(file)));
    }

    CheckResult evaluate(long value) {
        if (weight == 0) {
            boolean fault = (value != 0) != reverse;
            return fault ? CheckResult.failure("tracked file " + file + " value " + value) : CheckResult.success();
        }
        long delta = value * weight * (reverse ? -1 : 1);
        if (delta <= Integer.MIN_VALUE) {
            return CheckResult.failure("tracked file " + file + " value " + value);
        }
        long absolute = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, baseWeight + delta));
        return new CheckResult(true, "tracked file value " + value, OptionalInt.of((int) absolute));
    }

    /** strtol(buf, NULL, 0) of the file's first 127 bytes, as keepalived reads it; 0 when absent. */
    static long readValue(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;           // a FIFO would block the checker loop on open; a device is no track file
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(127);
        } catch (IOException e) {
            return 0;
        }
        return strtol(new String(head, StandardCharsets.US_ASCII));
    }

    static long strtol(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            base = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            base = 8;
        }
        long value = 0;
        for (; i < n; i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0) {
                break;
            }
            value = value * base + d;
            if (value > (1L << 40)) {
                break; // far outside any weight; keepalived would reject it too
            }
        }
        return negative ? -value : value;
    }
}
