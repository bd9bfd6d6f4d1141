package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.model.ScriptSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * One {@code vrrp_script} block while it is read: {@link VrrpScriptKeywords} fills it in, {@link #finish}
 * applies keepalived's end-of-block checks.
 */
final class VrrpScriptDraft {
    final String name;
    ScriptSpec script;
    Duration interval = Duration.ofSeconds(1);
    Duration timeout;
    int weight;
    boolean reverse;
    int rise = 1;
    int fall = 1;
    boolean initFail;
    String user;
    String group;

    VrrpScriptDraft(String name) {
        this.name = name;
    }

    /** A script without its own user runs as the default script user. */
    boolean needsDefaultUser() {
        return script != null && user == null;
    }

    Optional<VrrpScriptSpec> finish(ConfigNode block, DiagnosticSink sink, boolean defaultScriptUserInvalid) {
        if (script == null) {
            sink.warning(VrrpBuilder.endPos(block), "No script set for vrrp_script " + name + " - removing");
            return Optional.empty();
        }
        if (user == null && defaultScriptUserInvalid) {
            sink.error(VrrpBuilder.endPos(block), "Unable to set default user for vrrp script " + name + " - removing");
            return Optional.empty();
        }
        if (user != null) {
            script = new ScriptSpec(script.commandLine(), script.argv(), Optional.of(user), Optional.ofNullable(group),
                    script.pos());
        }
        return Optional.of(new VrrpScriptSpec(name, script, interval, timeout == null ? interval : timeout, weight, reverse,
                rise, fall, initFail, block.pos()));
    }
}
