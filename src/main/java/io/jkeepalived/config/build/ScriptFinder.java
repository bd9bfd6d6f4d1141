package io.jkeepalived.config.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whether a script's program can be found and run, as keepalived checks before using it. */
public interface ScriptFinder {
    enum Found { EXECUTABLE, MISSING, SHELL }

    Found find(List<String> argv);

    /** keepalived's own search: absolute/relative paths as given, bare names on its fixed PATH. */
    static ScriptFinder system() {
        var path = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
        return argv -> {
            if (argv.isEmpty()) {
                return Found.MISSING;
            }
            var prog = argv.get(0);
            if (prog.startsWith("<") || prog.startsWith(">")) {
                return Found.SHELL; // a shell redirection: keepalived hands it to /bin/sh unchecked
            }
            if (prog.contains("/")) {
                return Files.isExecutable(Path.of(prog)) && !Files.isDirectory(Path.of(prog)) ? Found.EXECUTABLE : Found.MISSING;
            }
            for (var dir : path) {
                var p = Path.of(dir, prog);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return Found.EXECUTABLE;
                }
            }
            return Found.MISSING;
        };
    }
}
