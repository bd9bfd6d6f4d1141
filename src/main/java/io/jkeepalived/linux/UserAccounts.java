package io.jkeepalived.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * User and group names resolved through the C library (getpwnam_r/getgrnam_r), so NSS sources (LDAP,
 * systemd's dynamic users) answer as they do for keepalived, and the daemon's own effective uid.
 */
public final class UserAccounts {
    /** struct passwd: two pointers, then pw_uid and pw_gid; struct group: two pointers, then gr_gid. */
    private static final long PW_UID = 2 * ADDRESS.byteSize();
    private static final long PW_GID = PW_UID + 4;
    private static final long GR_GID = 2 * ADDRESS.byteSize();
    private static final long STRUCT_SIZE = 128;
    private static final long BUFFER = 16 * 1024;

    /** A user's uid and primary gid. */
    public record Account(String name, int uid, int gid) {
    }

    private UserAccounts() {
    }

    public static Optional<Account> user(String name) {
        try (Arena arena = Arena.ofConfined()) {
            var pwd = arena.allocate(STRUCT_SIZE, 8);
            var result = arena.allocate(ADDRESS);
            int rc = LibcProcesses.getpwnamR(arena.allocateFrom(name), pwd, arena.allocate(BUFFER), BUFFER, result);
            if (rc != 0 || result.get(ADDRESS, 0).equals(java.lang.foreign.MemorySegment.NULL)) {
                return Optional.empty();
            }
            return Optional.of(new Account(name, pwd.get(JAVA_INT, PW_UID), pwd.get(JAVA_INT, PW_GID)));
        }
    }

    public static OptionalInt groupId(String name) {
        try (Arena arena = Arena.ofConfined()) {
            var grp = arena.allocate(STRUCT_SIZE, 8);
            var result = arena.allocate(ADDRESS);
            int rc = LibcProcesses.getgrnamR(arena.allocateFrom(name), grp, arena.allocate(BUFFER), BUFFER, result);
            if (rc != 0 || result.get(ADDRESS, 0).equals(java.lang.foreign.MemorySegment.NULL)) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(grp.get(JAVA_INT, GR_GID));
        }
    }

    /**
     * getgrouplist(3): {@code gid} and every group that lists {@code name} as a member (NSS answers, as for
     * initgroups(3)), in the C library's order.
     */
    public static java.util.List<Integer> groupList(String name, int gid) {
        try (Arena arena = Arena.ofConfined()) {
            var user = arena.allocateFrom(name);
            var count = arena.allocate(JAVA_INT);
            int room = 32;
            while (true) {
                var groups = arena.allocate(JAVA_INT, room);
                count.set(JAVA_INT, 0, room);
                int rc = LibcProcesses.getgrouplist(user, gid, groups, count);
                int n = count.get(JAVA_INT, 0);
                if (rc >= 0) {
                    var list = new java.util.ArrayList<Integer>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(groups.getAtIndex(JAVA_INT, i));
                    }
                    return java.util.List.copyOf(list);
                }
                if (n <= room || room >= 65536) {
                    return java.util.List.of(gid);     // cannot tell: the one group, as without set_supplementary_groups
                }
                room = n;
            }
        }
    }

    /** geteuid(2): "am I root" from the kernel, not from a property. */
    public static int effectiveUid() {
        return LibcProcesses.geteuid();
    }
}
