package io.jkeepalived.config.model;

import java.time.Duration;

/**
 * One line of keepalived's {@code interface_up_down_delays} block: how long a link must stay down (or up) before
 * the VRRP instances and trackers on it hear of the change; a change back within that time is forgotten.
 */
public record InterfaceDelays(Duration down, Duration up) {
}
