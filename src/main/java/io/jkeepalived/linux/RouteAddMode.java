package io.jkeepalived.linux;

/**
 * How RTM_NEWROUTE treats a route that matches one already there, as keepalived's route options: by default it
 * prepends (NLM_F_CREATE alone, the kernel's default), {@code add} fails on a match (NLM_F_EXCL), {@code append}
 * goes after the match (NLM_F_APPEND).
 */
public enum RouteAddMode {
    PREPEND(0), EXCLUSIVE(0x200), APPEND(0x800);

    final int netlinkFlags;

    RouteAddMode(int netlinkFlags) {
        this.netlinkFlags = netlinkFlags;
    }
}
