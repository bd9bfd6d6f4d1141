package io.jkeepalived.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Reading a keepalived (or jkeepalived) console log a test captured, and waiting on what it says. */
public final class KeepalivedLogs {
    private KeepalivedLogs() {
    }

    /** The log so far; empty while the file does not exist yet. */
    public static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (Exception e) {
            return "";
        }
    }

    /** The state of the last "(VI_1) Entering X STATE" line, or "" before the first. */
    public static String lastEntering(Path log) {
        String last = "";
        for (String line : read(log).split("\n")) {
            int i = line.indexOf("(VI_1) Entering ");
            if (i >= 0) {
                last = line.substring(i + 16).split(" ")[0];
            }
        }
        return last;
    }

    /** Polls until {@code condition} holds; fails after 20 s naming {@code what}. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(java.time.Duration.ofSeconds(20), what, condition);
    }
}
