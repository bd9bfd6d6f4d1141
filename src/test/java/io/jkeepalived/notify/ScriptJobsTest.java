package io.jkeepalived.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.common.Log;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.linux.Credentials;
import io.jkeepalived.linux.UserAccounts;
import io.jkeepalived.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's script identity and enable_script_security, as root (the daemon's case). */
@Tag("root")
class ScriptJobsTest {
    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Log sink = (level, message) -> log.add(message);
    private Path openScript;
    private Path safeScript;

    @BeforeEach
    void scripts() throws Exception {
        assumeTrue(UserAccounts.effectiveUid() == 0, "script users are switched by a root daemon");
        assumeTrue(UserAccounts.user(ScriptJobs.DEFAULT_USER).isEmpty(), "this host has no keepalived_script user");
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        openScript = open.resolve("chk.sh");
        Files.writeString(openScript, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(openScript, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path safe = Files.createDirectory(dir.resolve("safe"));
        safeScript = safe.resolve("chk.sh");
        Files.copy(openScript, safeScript);
        Files.setPosixFilePermissions(safeScript, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static ScriptSpec script(Path program, Optional<String> user) {
        return new ScriptSpec(program.toString(), List.of(program.toString()), user, Optional.empty(), SourcePos.NONE);
    }

    private ScriptJobs jobs(Optional<String> scriptUser, boolean security) {
        return new ScriptJobs(new ScriptJobs.Settings(scriptUser, Optional.empty(), security), sink);
    }

    @Test
    void aRootScriptInAWorldWritableDirectoryIsRefusedUnderScriptSecurity() {
        var job = jobs(Optional.of("root"), true).notifyJob(script(openScript, Optional.empty()), List.of());
        assertTrue(job.isEmpty(), "refused");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("SECURITY VIOLATION - Unsafe permissions found for script '"
                + openScript + "'")), log.toString());
        assertTrue(jobs(Optional.of("root"), true).notifyJob(script(safeScript, Optional.empty()), List.of()).isPresent(),
                "the same script in a root-only directory runs");
    }

    @Test
    void withoutScriptSecurityItRunsAndTheUnsafePathIsLogged() {
        var job = jobs(Optional.empty(), false).notifyJob(script(openScript, Optional.empty()), List.of());
        assertEquals(Optional.empty(), job.orElseThrow().runAs(), "no keepalived_script user: as root, like keepalived");
        assertTrue(log.contains("Unsafe permissions found for script '" + openScript + "'."), log.toString());
    }

    @Test
    void scriptSecurityWithoutAScriptUserRunsNothingAsRoot() {
        assertTrue(jobs(Optional.empty(), true).notifyJob(script(safeScript, Optional.empty()), List.of()).isEmpty());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Unable to set default user keepalived_script")), log.toString());
    }

    @Test
    void anUnknownUserIsNeverRoot() {
        assertTrue(jobs(Optional.empty(), false).notifyJob(script(safeScript, Optional.of("no-such-user-jk")), List.of()).isEmpty());
        assertTrue(jobs(Optional.of("no-such-user-jk"), false).notifyJob(script(safeScript, Optional.empty()), List.of()).isEmpty());
    }

    @Test
    void aScriptRunsAsScriptUserAndItsUidReadsBack() throws Exception {
        var nobody = UserAccounts.user("nobody").orElseThrow();
        var job = jobs(Optional.of("nobody"), true).job(script(Path.of("/bin/sleep"), Optional.empty()), List.of("30"),
                Optional.empty(), Duration.ZERO).orElseThrow();
        assertEquals(Optional.of(new Credentials(nobody.uid(), nobody.gid())), job.runAs());
        assertTrue(jobs(Optional.of("nobody"), true).notifyJob(script(openScript, Optional.empty()), List.of()).isPresent(),
                "keepalived checks the path only for scripts that run as root");
        try (var runner = new ScriptRunner(sink, 4, "test-scripts")) {
            var handle = runner.start(job);
            try {
                Await.until(Duration.ofSeconds(10), "the script to start", () -> handle.pid() != 0);
                String status = Files.readString(Path.of("/proc/" + handle.pid() + "/status"));
                assertTrue(status.contains("\nUid:\t" + nobody.uid() + "\t" + nobody.uid() + "\t"), status);
            } finally {
                handle.kill();
            }
        }
    }
}
