package io.jkeepalived.daemon;

import io.jkeepalived.config.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where SIGUSR1 and SIGUSR2 write, as keepalived names the files (open_dump_file, make_tmp_filename): by default
 * {@code $TMPDIR} (when absolute, else /tmp) {@code /keepalived.data} and {@code /keepalived.stats}.
 * {@code state_dump_file} / {@code stats_dump_file} replace that: an absolute path names the directory (all of it
 * when it ends in '/', else up to its last '/'), and a path not ending in '/' names the file (its last part; a
 * relative path stays in the temporary directory). With {@code data_use_instance} and an {@code instance} or
 * {@code net_namespace}, the data file gets {@code .NAMESPACE_INSTANCE} before its extension
 * ({@code keepalived.NAMESPACE_INSTANCE.data}) so that several daemons on one host do not overwrite each other's
 * dumps. keepalived 2.3 parses stats_dump_file but still writes keepalived.stats; we follow its man page
 * ("keepalived.stats or file configured by stats_dump_file") and apply the same rules, without the instance part.
 * The JSON dump ({@code keepalived.json}, keepalived's JSON signal) is moved by {@code json_dump_file} the same way
 * (keepalived 2.3.3+'s man page: "keepalived.json or file configured by json_dump_file").
 */
record DumpFiles(Path data, Path stats, Path json) {
    static DumpFiles of(KeepalivedConfig config, Map<String, String> environment) {
        String tmp = Optional.ofNullable(environment.get("TMPDIR")).filter(d -> d.startsWith("/")).orElse("/tmp");
        var namespace = config.root().netNamespace();
        var instance = config.root().instance();
        String suffix = "";
        if (config.globalDefs().dataUseInstance() && (namespace.isPresent() || instance.isPresent())) {
            suffix = "." + namespace.orElse("") + (namespace.isPresent() && instance.isPresent() ? "_" : "")
                    + instance.orElse("");
        }
        var g = config.globalDefs();
        return new DumpFiles(path(g.stateDumpFile(), tmp, "keepalived.data", suffix),
                path(g.statsDumpFile(), tmp, "keepalived.stats", ""), path(g.jsonDumpFile(), tmp, "keepalived.json", ""));
    }

    private static Path path(Optional<String> configured, String tmp, String defaultName, String suffix) {
        String dir = tmp;
        String name = defaultName;
        if (configured.isPresent()) {
            String c = configured.get();
            int slash = c.lastIndexOf('/');
            if (c.startsWith("/")) {
                dir = c.substring(0, slash);
            }
            if (!c.endsWith("/")) {
                name = c.substring(slash + 1);
            }
        }
        int dot = name.lastIndexOf('.');
        String withSuffix = dot < 0 ? name + suffix : name.substring(0, dot) + suffix + name.substring(dot);
        return Path.of(dir.isEmpty() ? "/" : dir, withSuffix);
    }
}
