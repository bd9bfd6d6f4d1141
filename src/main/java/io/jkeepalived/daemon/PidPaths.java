package io.jkeepalived.daemon;

import io.jkeepalived.cli.RunOptions;
import io.jkeepalived.config.model.RootOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where keepalived 2.2.7 writes its pid files. By default {@code /run/keepalived.pid} and the {@code -p/-r/-c}
 * files; with {@code use_pid_dir}, an {@code instance} or a {@code net_namespace} the ones not given on the
 * command line go to {@code /run/keepalived/}: {@code keepalived.pid}, {@code vrrp.pid}, {@code checkers.pid},
 * or {@code keepalived_INSTANCE.pid} ... with an instance. In a namespace keepalived bind-mounts
 * {@code /run/keepalived/NAMESPACE} on {@code /run/keepalived} in a mount namespace of its own; a JVM cannot
 * unshare its mount namespace (it has threads), so we write to {@code /run/keepalived/NAMESPACE/} directly:
 * the paths an operator outside sees are the same.
 *
 * @param directory the directory we create for them and remove when empty at stop, if any
 */
record PidPaths(Path main, Path vrrp, Path checkers, Optional<Path> directory) {
    static final Path PID_DIR = Path.of("/run/keepalived");
    /** keepalived's pid files when neither -p/-r/-c, {@code instance}, {@code net_namespace} nor {@code use_pid_dir} says otherwise. */
    static final Path DEFAULT_MAIN = Path.of("/run/keepalived.pid");
    static final Path DEFAULT_VRRP = Path.of("/run/keepalived_vrrp.pid");
    static final Path DEFAULT_CHECKERS = Path.of("/run/keepalived_checkers.pid");

    static PidPaths of(RunOptions options, RootOptions root) {
        if (!root.usePidDir() && root.instance().isEmpty() && root.netNamespace().isEmpty()) {
            return new PidPaths(options.pidFile().orElse(DEFAULT_MAIN), options.vrrpPidFile().orElse(DEFAULT_VRRP),
                    options.checkersPidFile().orElse(DEFAULT_CHECKERS), Optional.empty());
        }
        // a file named on the command line wins, even the default path (keepalived derives only unset ones)
        Path dir = root.netNamespace().map(PID_DIR::resolve).orElse(PID_DIR);
        String suffix = root.instance().map(i -> "_" + i).orElse("");
        return new PidPaths(options.pidFile().orElse(dir.resolve("keepalived" + suffix + ".pid")),
                options.vrrpPidFile().orElse(dir.resolve("vrrp" + suffix + ".pid")),
                options.checkersPidFile().orElse(dir.resolve("checkers" + suffix + ".pid")),
                Optional.of(dir));
    }
}
