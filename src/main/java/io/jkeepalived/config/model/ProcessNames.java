package io.jkeepalived.config.model;

import java.util.Optional;

/**
 * keepalived's process_name, vrrp_process_name and checker_process_name (process_names sets the last two to
 * keepalived_vrrp and keepalived_lvs); at most 15 characters each.
 */
public record ProcessNames(Optional<String> process, Optional<String> vrrp, Optional<String> checker) {
    public static final ProcessNames NONE = new ProcessNames(Optional.empty(), Optional.empty(), Optional.empty());
}
