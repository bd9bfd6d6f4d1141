package io.jkeepalived.linux;

/**
 * Who a child process runs as. Like keepalived, the supplementary groups are cleared to the one group
 * {@code gid}, so a script never keeps root's (or the daemon's) extra groups.
 */
public record Credentials(int uid, int gid) {
    public boolean isRoot() {
        return uid == 0 || gid == 0;
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
