package io.jkeepalived.notify;

import io.jkeepalived.common.Log;
import io.jkeepalived.config.build.ScriptPathSecurity;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.linux.Credentials;
import io.jkeepalived.linux.UserAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a configured script into a {@link ScriptJob} the way keepalived 2.2.7 decides who runs it and
 * whether it may run at all (lib/notify.c):
 * <ul>
 *   <li>its own {@code user [group]}; else the global {@code script_user [group]}; else {@code keepalived_script}
 *       when that user exists; else root - unless {@code enable_script_security} is set, in which case such a
 *       script is not run. A user or group that does not exist never falls back to root.</li>
 *   <li>a script that runs as root (uid or gid 0) is refused under {@code enable_script_security} when its file or
 *       any directory above it is writable by a non-root user ({@link ScriptPathSecurity}); without it the script
 *       runs and the insecure path is logged.</li>
 * </ul>
 * The checks run before every start, so a path made insecure after start-up is caught too. Each refusal is
 * logged once per script, not on every interval.
 */
public final class ScriptJobs {
    static final String DEFAULT_USER = "keepalived_script";

    /** The global_defs that decide scripts' identity. */
    public record Settings(Optional<String> scriptUser, Optional<String> scriptGroup, boolean scriptSecurity,
            boolean useSymlinkPaths, boolean supplementaryGroups) {
        public static final Settings KEEPALIVED_DEFAULTS = new Settings(Optional.empty(), Optional.empty(), false);

        /** keepalived's default for use_symlink_paths: a script runs by its real path. */
        public Settings(Optional<String> scriptUser, Optional<String> scriptGroup, boolean scriptSecurity) {
            this(scriptUser, scriptGroup, scriptSecurity, false, false);
        }

        public static Settings of(GlobalDefs g) {
            return new Settings(g.scriptUser(), g.scriptGroup(), g.enableScriptSecurity(), g.useSymlinkPaths(),
                    g.setSupplementaryGroups());
        }
    }

    private final Settings settings;
    private final Log log;
    private final boolean root;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    /** Each program's real path, resolved the first time it runs under this configuration (ScriptPaths). */
    private final ScriptPaths paths = new ScriptPaths();

    public ScriptJobs(Settings settings, Log log) {
        this.settings = settings;
        this.log = log;
        this.root = UserAccounts.effectiveUid() == 0;
    }

    public Optional<ScriptJob> job(ScriptSpec script, List<String> extraArgs, Optional<Duration> timeout, Duration killGrace) {
        var argv = new ArrayList<>(ScriptRunner.withProgramPath(script.argv().isEmpty() ? List.of(script.commandLine())
                : script.argv()));
        argv.addAll(extraArgs);
        if (!settings.useSymlinkPaths()) {
            argv.set(0, paths.pinned(argv.getFirst()));
        }
        ScriptIdentity identity = root ? identity(script) : new ScriptIdentity.AsDaemon();
        Optional<Credentials> runAs = switch (identity) {
            case ScriptIdentity.Refused r -> {
                logOnce(r.reason());
                yield null;
            }
            case ScriptIdentity.As as -> Optional.of(as.credentials());
            case ScriptIdentity.AsDaemon d -> Optional.empty();
        };
        if (runAs == null) {
            return Optional.empty();
        }
        boolean asRoot = runAs.map(Credentials::isRoot).orElse(root);
        if (asRoot && !pathIsSafe(argv.getFirst())) {
            return Optional.empty();
        }
        return Optional.of(new ScriptJob(argv, runAs, timeout, killGrace));
    }

    /** A notify script: no timeout. */
    public Optional<ScriptJob> notifyJob(ScriptSpec script, List<String> extraArgs) {
        return job(script, extraArgs, Optional.empty(), Duration.ZERO);
    }

    ScriptIdentity identity(ScriptSpec script) {
        if (script.user().isPresent()) {
            return lookUp(script.user().get(), script.group())
                    .orElseGet(() -> new ScriptIdentity.Refused("Invalid user/group for script " + script.commandLine() + " - ignoring"));
        }
        if (settings.scriptUser().isPresent()) {
            return lookUp(settings.scriptUser().get(), settings.scriptGroup())
                    .orElseGet(() -> new ScriptIdentity.Refused("Failed to set default user for script " + script.commandLine()
                            + " - ignoring"));
        }
        var fallback = lookUp(DEFAULT_USER, Optional.empty());
        if (fallback.isPresent()) {
            return fallback.get();
        }
        return settings.scriptSecurity()
                ? new ScriptIdentity.Refused("Unable to set default user " + DEFAULT_USER + " for script " + script.commandLine()
                        + " - ignoring")
                : new ScriptIdentity.AsDaemon();
    }

    /**
     * keepalived's set_uid_gid: the user's uid, the group's gid (else the user's), and with set_supplementary_groups
     * the user's own groups (getgrouplist of the user and its primary group) as supplementary groups.
     */
    private Optional<ScriptIdentity> lookUp(String user, Optional<String> group) {
        var account = UserAccounts.user(user);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        int gid = account.get().gid();
        if (group.isPresent()) {
            var g = UserAccounts.groupId(group.get());
            if (g.isEmpty()) {
                return Optional.empty();
            }
            gid = g.getAsInt();
        }
        return Optional.of(new ScriptIdentity.As(settings.supplementaryGroups()
                ? new Credentials(account.get().uid(), gid, UserAccounts.groupList(user, account.get().gid()))
                : new Credentials(account.get().uid(), gid)));
    }

    /** keepalived's walk for a script run as root; false when it must not run. */
    private boolean pathIsSafe(String program) {
        if (!program.contains("/")) {
            return true;            // not found on PATH: the spawn fails and says so
        }
        return switch (ScriptPathSecurity.check(program)) {
            case ScriptPathSecurity.Verdict.Secure s -> true;
            case ScriptPathSecurity.Verdict.NotFound n -> true;   // the spawn fails and says so
            case ScriptPathSecurity.Verdict.WrongType w -> {
                logOnce("Wrong file type found in script path '" + program + "'.");
                yield false;
            }
            case ScriptPathSecurity.Verdict.Insecure i -> {
                if (settings.scriptSecurity()) {
                    logOnce("SECURITY VIOLATION - Unsafe permissions found for script '" + program + "' (" + i.path()
                            + " is writable by a non-root user) - disabling.");
                    yield false;
                }
                logOnce("Unsafe permissions found for script '" + program + "'.");
                yield true;
            }
        };
    }

    private void logOnce(String line) {
        if (logged.add(line)) {
            log.warning(line);
        }
    }
}
