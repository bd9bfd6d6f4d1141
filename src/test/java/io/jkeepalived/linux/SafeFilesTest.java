package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a root daemon writes, attacked the way a local user would (keepalived's CVE-2018-19044/19045/19046):
 * in a sticky world-writable directory like /tmp, {@code nobody} plants a symlink, a file of its own, a hard
 * link or a FIFO at the path we are about to write.
 */
@Tag("root")
class SafeFilesTest {
    @TempDir
    Path base;
    Path tmp;
    Path victim;
    UserPrincipal nobody;

    @BeforeEach
    void shared() throws Exception {
        assumeTrue(UserAccounts.effectiveUid() == 0, "the attacks are on a root daemon");
        tmp = Files.createDirectory(base.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(tmp, "unix:mode", 01777);
        victim = base.resolve("shadow");
        Files.writeString(victim, "root:secret\n");
        nobody = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }

    private Path plantedSymlink(String name) throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve(name), victim);
        Files.getFileAttributeView(link, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        return link;
    }

    private void victimUntouched() throws IOException {
        assertEquals("root:secret\n", Files.readString(victim));
    }

    @Test
    void aSymlinkPlantedAtAnyPathWeWriteIsNeverFollowed() throws Exception {
        Path data = plantedSymlink("keepalived.data");
        var e = assertThrows(IOException.class, () -> SafeFiles.write(data, "dump".getBytes(), 0177));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertThrows(IOException.class, () -> SafeFiles.append(plantedSymlink("keepalived.log"), 0177));
        assertThrows(IOException.class, () -> SafeFiles.open(plantedSymlink("keepalived.pid"), 0177));
        assertThrows(IOException.class, () -> SafeFiles.openFifo(plantedSymlink("notify.fifo"), 0177));
        // and where the kernel's protected_symlinks does not apply (not a sticky directory): O_NOFOLLOW
        Path rootsOwn = Files.createSymbolicLink(base.resolve("keepalived.data"), victim);
        var nofollow = assertThrows(IOException.class, () -> SafeFiles.write(rootsOwn, "dump".getBytes(), 0177));
        assertTrue(nofollow.getMessage().contains("symbolic link"), nofollow.getMessage());
        victimUntouched();
    }

    @Test
    void aFileAnotherUserCreatedIsNeitherTruncatedNorWritten() throws Exception {
        Path stats = tmp.resolve("keepalived.stats");
        Files.writeString(stats, "nobody's\n");
        Files.setOwner(stats, nobody);
        var e = assertThrows(IOException.class, () -> SafeFiles.write(stats, "stats".getBytes(), 0177));
        assertTrue(e.getMessage().contains("owned by uid"), e.getMessage());
        assertEquals("nobody's\n", Files.readString(stats));
        assertThrows(IOException.class, () -> SafeFiles.append(stats, 0177));
    }

    @Test
    void aHardLinkToARootFileIsRefused() throws Exception {
        Path link = Files.createLink(tmp.resolve("keepalived.data"), victim);
        var e = assertThrows(IOException.class, () -> SafeFiles.write(link, "dump".getBytes(), 0177));
        assertTrue(e.getMessage().contains("hard links"), e.getMessage());
        victimUntouched();
    }

    @Test
    void aFifoPlantedWhereAFileGoesIsRefusedWithoutBlocking() throws Exception {
        Path fifo = tmp.resolve("keepalived.data");
        SafeFiles.openFifo(fifo, 0).close();
        var done = CompletableFuture.runAsync(() -> assertThrows(IOException.class,
                () -> SafeFiles.write(fifo, "dump".getBytes(), 0177)));
        done.get(5, TimeUnit.SECONDS);
    }

    @Test
    void newFilesTakeTheUmaskAndOurOwnAreRewritten() throws Exception {
        Path data = tmp.resolve("keepalived.data");
        SafeFiles.write(data, "first, and long\n".getBytes(), 0177);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        SafeFiles.write(data, "second\n".getBytes(), 0177);
        assertEquals("second\n", Files.readString(data), "truncated, then written");
        Path log = tmp.resolve("keepalived.log");
        try (var f = SafeFiles.append(log, 022)) {
            f.write("a\n".getBytes());
        }
        try (var f = SafeFiles.append(log, 022)) {
            f.write("b\n".getBytes());
        }
        assertEquals("a\nb\n", Files.readString(log));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    }

    @Test
    void aMissingNotifyFifoIsCreatedAsAFifoAndARegularFileIsNoFifo() throws Exception {
        Path fifo = tmp.resolve("lvs.fifo");
        try (var f = SafeFiles.openFifo(fifo, 0177)) {
            assertTrue((Integer) Files.getAttribute(fifo, "unix:mode") == (0010000 | 0600), "a FIFO, 0600");
            assertTrue(f.writeIfRoom("RS UP\n".getBytes(StandardCharsets.UTF_8)));
        }
        Path regular = tmp.resolve("vrrp.fifo");
        Files.writeString(regular, "");
        var e = assertThrows(IOException.class, () -> SafeFiles.openFifo(regular, 0177));
        assertTrue(e.getMessage().contains("not a FIFO"), e.getMessage());
    }

    @Test
    void aPidFileIsLockedAgainstASecondDaemon() throws Exception {
        Path pid = tmp.resolve("keepalived.pid");
        try (var first = SafeFiles.open(pid, 0177)) {
            first.lockExclusively();
            first.write("123\n".getBytes());
            try (var second = SafeFiles.open(pid, 0177)) {
                var e = assertThrows(IOException.class, second::lockExclusively);
                assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
            }
            assertEquals("123\n", Files.readString(pid), "the second open did not truncate it");
        }
        try (var again = SafeFiles.open(pid, 0177)) {
            again.lockExclusively();    // released with the first descriptor
        }
    }

    @Test
    void aDeviceIsNeverWrittenAsAFile() {
        var e = assertThrows(IOException.class, () -> SafeFiles.write(Path.of("/dev/null"), "dump".getBytes(), 0177));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }
}
