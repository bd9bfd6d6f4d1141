package io.jkeepalived.config.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a user name exists, for keepalived's script_user checks. */
public interface SystemUsers {
    boolean exists(String name);

    /** Users listed in /etc/passwd (keepalived uses getpwnam; local accounts are what scripts run as). */
    static SystemUsers system() {
        return name -> {
            if (name.chars().allMatch(Character::isDigit)) {
                return true; // a numeric uid needs no account
            }
            try (var lines = Files.lines(Path.of("/etc/passwd"))) {
                return lines.anyMatch(l -> l.startsWith(name + ":"));
            } catch (IOException | RuntimeException e) {
                return true; // cannot tell: do not invent an error
            }
        };
    }
}
