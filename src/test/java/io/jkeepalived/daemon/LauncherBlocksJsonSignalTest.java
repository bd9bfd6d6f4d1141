package io.jkeepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jkeepalived starts java with keepalived's JSON signal (36) blocked, which is what lets the daemon take it
 * (linux.WaitedSignals): a stand-in "java" reports the signal mask it was started with. The daemon's own side is
 * JsonDumpRootTest.
 */
class LauncherBlocksJsonSignalTest {
    @TempDir
    Path dir;

    @Test
    void javaStartsWithSignal36Blocked() throws Exception {
        Path launcher = Path.of("bin/jkeepalived").toAbsolutePath();
        assumeTrue(Files.isRegularFile(Path.of("target/jkeepalived.jar")), "the launcher needs the built jar");
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        // not a shell script: sh and bash clear the signal mask they start with
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the stand-in java is a python3 script");
        Files.writeString(java, "#!/usr/bin/python3\nimport re\n"
                + "print(re.search(r'SigBlk:\\s*(\\w+)', open('/proc/self/status').read()).group(1))\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        var result = Sh.run(List.of("env", "JKEEPALIVED_JAVA=" + java, "JKEEPALIVED_NO_AOT=1", launcher.toString(), "--version"), 60);
        assertEquals(0, result.exit(), result.out());
        long mask = Long.parseUnsignedLong(result.out().trim(), 16);
        assertTrue((mask & (1L << (36 - 1))) != 0, "signal 36 blocked: SigBlk " + result.out().trim());
    }
}
