package io.jkeepalived.notify;

import io.jkeepalived.common.Log;
import io.jkeepalived.linux.ProcessSpawner;
import io.jkeepalived.linux.Signals;
import io.jkeepalived.linux.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scripts of a daemon that died without stopping them (SIGKILL, OOM kill). keepalived's children would get
 * PR_SET_PDEATHSIG; posix_spawn(3) has no hook to set it in the child, and forking the JVM to run prctl(2) in the
 * child is not safe (see SECURITY.md). So every script carries its daemon's mark in its environment -
 * {@code JKEEPALIVED_DAEMON=<pid namespace>:<pid>:<start time>}, inherited by whatever it starts - and a daemon, as it starts,
 * kills every process whose mark names a daemon that is no longer running (a pid now used by another process
 * has another start time). Under systemd the unit's control group is killed with its main process anyway
 * (KillMode=control-group, the default); this covers the restart without systemd and the processes a
 * supervisor left behind.
 */
public final class LeftoverScripts {
    static final String VARIABLE = "JKEEPALIVED_DAEMON";
    private static final Path PROC = Path.of("/proc");

    /**
     * This daemon's mark, the same for every script it starts: its pid namespace (a pid means something only in
     * its own: a daemon in a container must not judge the host's), its pid and its start time.
     */
    static final String MARK = VARIABLE + "=" + pidNamespace() + ":" + ProcessHandle.current().pid() + ":"
            + startTime(PROC, ProcessHandle.current().pid()).orElse(0L);

    private LeftoverScripts() {
    }

    /** A process that carries the mark of a daemon that is gone. */
    record Leftover(int pid, long daemonPid, String command) {
    }

    /** Kills (SIGKILL) every leftover script process of a dead daemon; returns how many. */
    public static int killAll(Log log) {
        int killed = 0;
        for (Leftover l : find(PROC)) {
            try {
                if (ProcessSpawner.kill(l.pid(), Signals.SIGKILL)) {
                    killed++;
                    log.warning("Killed process " + l.pid() + " (" + l.command() + "), a script left running by jkeepalived pid "
                            + l.daemonPid() + " that died without stopping it");
                }
            } catch (SyscallException e) {
                log.warning("Cannot kill leftover script process " + l.pid() + ": " + e.getMessage());
            }
        }
        return killed;
    }

    /** The processes under {@code proc} whose mark names a daemon that is not running (pure over /proc). */
    static List<Leftover> find(Path proc) {
        var found = new ArrayList<Leftover>();
        try (var dirs = Files.list(proc)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                markOf(d).ifPresent(mark -> {
                    String[] parts = mark.split(":");
                    try {
                        if (parts.length != 3 || !parts[0].equals(pidNamespace())) {
                            return;             // another pid namespace's daemon: not ours to judge
                        }
                        long daemon = Long.parseLong(parts[1]);
                        long started = Long.parseLong(parts[2]);
                        if (startTime(proc, daemon).filter(t -> t == started).isEmpty()) {
                            found.add(new Leftover(Integer.parseInt(name), daemon, command(d)));
                        }
                    } catch (RuntimeException e) {
                        // not a mark we wrote
                    }
                });
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private static Optional<String> markOf(Path processDir) {
        try {
            String env = new String(Files.readAllBytes(processDir.resolve("environ")), StandardCharsets.ISO_8859_1);
            for (String v : env.split("\0")) {
                if (v.startsWith(VARIABLE + "=")) {
                    return Optional.of(v.substring(VARIABLE.length() + 1));
                }
            }
        } catch (IOException e) {
            // gone, or a kernel thread
        }
        return Optional.empty();
    }

    private static String command(Path processDir) {
        try {
            return new String(Files.readAllBytes(processDir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The inode of our pid namespace ("4026531836"), or "?" when it cannot be read. */
    static String pidNamespace() {
        try {
            String link = Files.readSymbolicLink(PROC.resolve("self/ns/pid")).toString();    // pid:[4026531836]
            return link.substring(link.indexOf('[') + 1, link.indexOf(']'));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Field 22 of /proc/PID/stat (clock ticks since boot), if the process exists. */
    static Optional<Long> startTime(Path proc, long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(after[19]));     // fields 3.. follow the name: 22 is the 20th
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
