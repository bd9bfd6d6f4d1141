package io.jkeepalived.notify;

import io.jkeepalived.config.model.ScriptSpec;
import java.util.ArrayList;
import java.util.List;

/** The argv that runs a configured script, as its user when one is given (keepalived setuid()s; we use runuser). */
public final class Scripts {
    private Scripts() {
    }

    public static List<String> argv(ScriptSpec script, List<String> extraArgs) {
        var argv = new ArrayList<String>();
        if (script.user().isPresent() && isRoot()) {
            argv.addAll(List.of("runuser", "-u", script.user().get()));
            script.group().ifPresent(g -> argv.addAll(List.of("-g", g)));
            argv.add("--");
        }
        argv.addAll(script.argv());
        argv.addAll(extraArgs);
        return argv;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
