package io.jkeepalived.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's default resolution of script paths, pinned per configuration. */
class ScriptPathsTest {
    @TempDir
    Path dir;

    @Test
    void aLinkRunsByItsTargetPinnedUntilTheNextConfiguration() throws Exception {
        Path v1 = Files.writeString(Files.createDirectories(dir.resolve("v1")).resolve("check-v1"), "#!/bin/sh\n");
        Path v2 = Files.writeString(Files.createDirectories(dir.resolve("v2")).resolve("check-v2"), "#!/bin/sh\n");
        Path link = Files.createSymbolicLink(dir.resolve("check"), v1);
        var paths = new ScriptPaths();
        assertEquals(v1.toString(), paths.pinned(link.toString()));
        Files.delete(link);
        Files.createSymbolicLink(link, v2);
        assertEquals(v1.toString(), paths.pinned(link.toString()), "pinned: the old target until a reload");
        assertEquals(v2.toString(), new ScriptPaths().pinned(link.toString()), "the next configuration resolves again");
    }

    @Test
    void theNameAsWrittenIsKeptWhenTheRealDirectoryHoldsTheSameFileUnderIt() throws Exception {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("usr/bin")).resolve("dash"), "#!/bin/sh\n");
        Files.createSymbolicLink(dir.resolve("usr/bin/sh"), real.getFileName());
        Files.createSymbolicLink(dir.resolve("bin"), dir.resolve("usr/bin"));
        assertEquals(dir.resolve("usr/bin/sh").toString(), new ScriptPaths().pinned(dir.resolve("bin/sh").toString()),
                "/bin/sh -> /usr/bin/sh, not dash (a program may look at its name)");
        assertEquals(dir.resolve("usr/bin/dash").toString(), new ScriptPaths().pinned(dir.resolve("bin/./dash").toString()));
    }

    @Test
    void bareNamesAndMissingPathsAreLeftAsTheyAre() {
        var paths = new ScriptPaths();
        assertEquals("true", paths.pinned("true"));
        assertEquals(dir.resolve("missing").toString(), paths.pinned(dir.resolve("missing").toString()));
    }
}
