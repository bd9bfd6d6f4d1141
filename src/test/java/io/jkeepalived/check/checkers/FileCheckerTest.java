package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class FileCheckerTest {
    @TempDir
    Path dir;

    CheckResult run(FileChecker c) {
        var r = new AtomicReference<CheckResult>();
        c.start(Duration.ofSeconds(1), r::set);
        return r.get();
    }

    @Test
    void weightZeroMeansAnyNonZeroValueIsAFault() throws Exception {
        var f = dir.resolve("state");
        assertTrue(run(new FileChecker(f, 0, false, 1)).ok(), "a missing file reads as 0");
        Files.writeString(f, "1\n");
        assertFalse(run(new FileChecker(f, 0, false, 1)).ok());
        assertTrue(run(new FileChecker(f, 0, true, 1)).ok(), "reverse: non-zero is fine");
        Files.writeString(f, "0");
        assertFalse(run(new FileChecker(f, 0, true, 1)).ok(), "reverse: zero is the fault");
    }

    @Test
    void valueTimesWeightMovesTheServerWeight() throws Exception {
        var f = dir.resolve("state");
        Files.writeString(f, "3");
        assertEquals(OptionalInt.of(10 + 6), run(new FileChecker(f, 2, false, 10)).dynamicWeight());
        assertEquals(OptionalInt.of(10 - 6), run(new FileChecker(f, 2, true, 10)).dynamicWeight());
        Files.writeString(f, "0x10 trailing words");
        assertEquals(OptionalInt.of(1 + 16), run(new FileChecker(f, 1, false, 1)).dynamicWeight(), "strtol base 0");
        Files.writeString(f, "garbage");
        assertEquals(OptionalInt.of(1), run(new FileChecker(f, 1, false, 1)).dynamicWeight(), "no number reads as 0");
    }

    @Test
    void strtolLikeKeepalived() {
        assertEquals(-12, FileChecker.strtol("  -12abc"));
        assertEquals(8, FileChecker.strtol("010"));
        assertEquals(255, FileChecker.strtol("0xff"));
        assertEquals(0, FileChecker.strtol(""));
    }
}
