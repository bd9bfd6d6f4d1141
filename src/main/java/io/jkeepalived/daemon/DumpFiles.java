package io.jkeepalived.daemon;

import io.jkeepalived.config.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where SIGUSR1 and SIGUSR2 write, as keepalived 2.2.7 names the files: {@code $TMPDIR} (when absolute, else
 * /tmp) {@code /keepalived.data} and {@code /keepalived.stats}; with {@code data_use_instance} and an
 * {@code instance} or {@code net_namespace}, the data file is {@code keepalived.NAMESPACE_INSTANCE.data} so that
 * several daemons on one host do not overwrite each other's dumps.
 */
record DumpFiles(Path data, Path stats) {
    static DumpFiles of(KeepalivedConfig config, Map<String, String> environment) {
        String tmp = Optional.ofNullable(environment.get("TMPDIR")).filter(d -> d.startsWith("/")).orElse("/tmp");
        var namespace = config.root().netNamespace();
        var instance = config.root().instance();
        String data = "keepalived.data";
        if (config.globalDefs().dataUseInstance() && (namespace.isPresent() || instance.isPresent())) {
            data = "keepalived." + namespace.orElse("") + (namespace.isPresent() && instance.isPresent() ? "_" : "")
                    + instance.orElse("") + ".data";
        }
        return new DumpFiles(Path.of(tmp, data), Path.of(tmp, "keepalived.stats"));
    }
}
