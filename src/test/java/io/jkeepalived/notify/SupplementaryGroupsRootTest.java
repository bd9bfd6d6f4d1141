package io.jkeepalived.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.common.Log;
import io.jkeepalived.common.ScriptOutcome;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.linux.UserAccounts;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * set_supplementary_groups: a script run as script_user gets that user's groups (a group it is a member of, made for
 * the test) as its supplementary groups, and without the keyword only its one group. The script itself says, with
 * {@code id -G}. The configuration is read as the daemon reads it, so the keyword is what switches it.
 */
@Tag("root")
class SupplementaryGroupsRootTest {
    @TempDir
    Path dir;
    private final String group = "jkgrp" + ProcessHandle.current().pid();
    private final String user = "jkusr" + ProcessHandle.current().pid();
    private final ScriptRunner runner = new ScriptRunner(Log.NONE, 4, "test-groups");

    @BeforeEach
    void accounts() {
        assumeTrue(UserAccounts.effectiveUid() == 0, "script users are switched by a root daemon");
        Sh.ok("groupadd", group);
        Sh.ok("useradd", "-M", "-N", "-g", "nogroup", "-G", group, "-s", "/usr/sbin/nologin", "-d", "/nonexistent", user);
    }

    @AfterEach
    void removeAccounts() {
        runner.close();
        Sh.run("userdel", user);
        Sh.run("groupdel", group);
    }

    private Set<Integer> groupsOfScript(String globals) throws Exception {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "global_defs {\n    script_user " + user + "\n" + globals + "}\n");
        var config = ConfigTest.load(conf, "", false, new DiagnosticSink());
        var jobs = new ScriptJobs(ScriptJobs.Settings.of(config.globalDefs()), Log.NONE);
        Path out = dir.resolve("groups-" + globals.hashCode());
        Files.setAttribute(dir, "unix:mode", 01777);
        var spec = new ScriptSpec("id", List.of("/bin/sh", "-c", "id -G > " + out), Optional.empty(), Optional.empty(),
                SourcePos.NONE);
        var job = jobs.notifyJob(spec, List.of()).orElseThrow();
        assertEquals(new ScriptOutcome.Exited(0), runner.start(job).outcome().orTimeout(20, TimeUnit.SECONDS).join());
        var ids = new TreeSet<Integer>();
        for (String g : Files.readString(out).trim().split("\\s+")) {
            ids.add(Integer.parseInt(g));
        }
        return ids;
    }

    @Test
    void theScriptUsersGroupsOnlyWithTheKeyword() throws Exception {
        int nogroup = UserAccounts.groupId("nogroup").orElseThrow();
        int member = UserAccounts.groupId(group).orElseThrow();
        assertEquals(Set.of(nogroup, member), groupsOfScript("    set_supplementary_groups\n"));
        assertEquals(Set.of(nogroup), groupsOfScript(""), "without it: the user's group alone, never root's groups");
        assertEquals(Set.of(nogroup), groupsOfScript("    set_supplementary_groups false\n"));
    }
}
