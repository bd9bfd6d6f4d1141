package io.jkeepalived.linux;

/**
 * Who a child process runs as: {@code groups} are its supplementary groups. By default they are the one group
 * {@code gid}, so a script never keeps root's (or the daemon's) extra groups; with set_supplementary_groups they are
 * the script user's groups (getgrouplist, as initgroups(3) would set them).
 */
public record Credentials(int uid, int gid, java.util.List<Integer> groups) {
    public Credentials {
        groups = java.util.List.copyOf(groups);
    }

    /** With the one supplementary group {@code gid}. */
    public Credentials(int uid, int gid) {
        this(uid, gid, java.util.List.of(gid));
    }

    public boolean isRoot() {
        return uid == 0 || gid == 0;
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
