package io.jkeepalived.notify;

import io.jkeepalived.common.Log;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.linux.Credentials;
import io.jkeepalived.linux.UserAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a configured script into a {@link ScriptJob}: its words plus the extra arguments, and the user it
 * runs as. A script naming a user or group that does not exist is not run (logged), never run as root.
 */
public final class ScriptJobs {
    private final Log log;

    public ScriptJobs(Log log) {
        this.log = log;
    }

    public Optional<ScriptJob> job(ScriptSpec script, List<String> extraArgs, Optional<Duration> timeout, Duration killGrace) {
        var argv = new ArrayList<>(script.argv().isEmpty() ? List.of(script.commandLine()) : script.argv());
        argv.addAll(extraArgs);
        if (script.user().isEmpty() || UserAccounts.effectiveUid() != 0) {
            return Optional.of(new ScriptJob(argv, Optional.empty(), timeout, killGrace));
        }
        var account = UserAccounts.user(script.user().get());
        if (account.isEmpty()) {
            log.warning("Script user '" + script.user().get() + "' does not exist - not running " + script.commandLine());
            return Optional.empty();
        }
        int gid = account.get().gid();
        if (script.group().isPresent()) {
            var group = UserAccounts.groupId(script.group().get());
            if (group.isEmpty()) {
                log.warning("Script group '" + script.group().get() + "' does not exist - not running " + script.commandLine());
                return Optional.empty();
            }
            gid = group.getAsInt();
        }
        return Optional.of(new ScriptJob(argv, Optional.of(new Credentials(account.get().uid(), gid)), timeout, killGrace));
    }

    /** A notify script: no timeout. */
    public Optional<ScriptJob> notifyJob(ScriptSpec script, List<String> extraArgs) {
        return job(script, extraArgs, Optional.empty(), Duration.ZERO);
    }
}
