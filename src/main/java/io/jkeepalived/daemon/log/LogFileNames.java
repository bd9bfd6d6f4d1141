package io.jkeepalived.daemon.log;

import java.nio.file.Path;
import java.util.Map;

/**
 * keepalived's {@code -g FILE} names (lib/utils.c make_file_name): each process writes a file of its own, the
 * parent {@code FILE}, the VRRP child {@code FILE_vrrp}, the checker {@code FILE_check}, each followed by
 * {@code _INSTANCE} with {@code instance} in the configuration, the suffixes going before the extension
 * ({@code /tmp/keepalived.log} → {@code /tmp/keepalived_vrrp.log}); a relative FILE is in {@code $TMPDIR} (else /tmp).
 */
public final class LogFileNames {
    /** The ident's beginning (keepalived's process name) → keepalived's file suffix; the rest is the instance part. */
    private static final Map<String, String> SUFFIXES = Map.of(
            "Keepalived_vrrp", "_vrrp", "Keepalived_healthcheckers", "_check", "Keepalived", "");

    private LogFileNames() {
    }

    /** {@code -g}'s file with a relative name placed in the temporary directory, as keepalived does. */
    public static Path base(Path option, Map<String, String> env) {
        if (option.isAbsolute()) {
            return option;
        }
        String tmp = env.getOrDefault("TMPDIR", "");
        return Path.of(tmp.startsWith("/") ? tmp : "/tmp").resolve(option);
    }

    /** The file the lines of {@code ident} go to. */
    public static Path forIdent(Path base, String ident) {
        String suffix = "_" + ident;
        for (String process : new String[] {"Keepalived_healthcheckers", "Keepalived_vrrp", "Keepalived"}) {
            if (ident.startsWith(process)) {
                suffix = SUFFIXES.get(process) + ident.substring(process.length());
                break;
            }
        }
        if (suffix.isEmpty()) {
            return base;
        }
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot < 0 ? name + suffix : name.substring(0, dot) + suffix + name.substring(dot);
        return base.resolveSibling(renamed);
    }
}
