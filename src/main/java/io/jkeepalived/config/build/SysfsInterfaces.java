package io.jkeepalived.config.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The interfaces of this process's network namespace, looked up in /sys/class/net once per name: a config
 * names the same few interfaces thousands of times (every instance and every address), and one read of a
 * configuration is one moment in time anyway.
 */
final class SysfsInterfaces implements HostInterfaces {
    private final Path net = Path.of("/sys/class/net");
    private final Map<String, Boolean> seen = new HashMap<>();

    @Override
    public boolean exists(String name) {
        Boolean known = seen.get(name);
        if (known == null) {
            known = !name.contains("/") && Files.exists(net.resolve(name));
            seen.put(name, known);
        }
        return known;
    }
}
