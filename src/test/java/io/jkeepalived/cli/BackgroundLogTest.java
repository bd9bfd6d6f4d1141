package io.jkeepalived.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background mode keeps its lines in a file it may safely append to (issue 9 item 6). */
class BackgroundLogTest {
    @TempDir
    Path dir;

    static String me() throws Exception {
        return Files.getOwner(Path.of("/proc/self")).getName();
    }

    @Test
    void aNewFileIsCreatedPrivate() throws Exception {
        Path log = dir.resolve("j.log");
        assertEquals(Optional.of(log), BackgroundLog.choose(List.of(log), me()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    }

    @Test
    void aPlantedLinkIsPassedOverForTheNextCandidate() throws Exception {
        Path target = dir.resolve("victim");
        Files.writeString(target, "");
        Path link = Files.createSymbolicLink(dir.resolve("j.log"), target);
        Path next = dir.resolve("home.log");
        assertEquals(Optional.of(next), BackgroundLog.choose(List.of(link, next), me()));
    }

    @Test
    void aFileOwnedBySomeoneElseIsNotUsed() throws Exception {
        Path log = dir.resolve("j.log");
        Files.writeString(log, "");
        assertEquals(Optional.empty(), BackgroundLog.choose(List.of(log), "somebody-else"));
    }

    @Test
    void nowhereWritableIsEmpty() {
        assertEquals(Optional.empty(), BackgroundLog.choose(List.of(dir.resolve("missing/dir/j.log")), "root"));
    }
}
