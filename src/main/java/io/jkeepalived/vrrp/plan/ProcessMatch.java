package io.jkeepalived.vrrp.plan;

import io.jkeepalived.config.model.TrackProcessSpec;
import io.jkeepalived.linux.ProcessTable.ProcessInfo;
import java.util.List;

/**
 * Whether a process is one a {@code vrrp_track_process} counts, as keepalived's check_process: the name against
 * the comm (15 characters, what pgrep matches) or, with {@code full_command} / parameters / {@code param_match},
 * against argv[0]; then the parameters: exact (the default once parameters are given), {@code partial} (the
 * configured ones begin the command's) or {@code initial} (as partial, the last one may be the start of an argument).
 */
public record ProcessMatch(String name, List<String> parameters, Mode mode, boolean fullCommand) {
    public enum Mode { NONE, EXACT, PARTIAL, INITIAL }

    public ProcessMatch {
        parameters = List.copyOf(parameters);
    }

    public static ProcessMatch of(TrackProcessSpec spec) {
        Mode mode = spec.paramMatch().map(m -> switch (m) {
            case "initial" -> Mode.INITIAL;
            case "partial" -> Mode.PARTIAL;
            default -> Mode.EXACT;
        }).orElse(spec.parameters().isEmpty() ? Mode.NONE : Mode.EXACT);
        boolean full = spec.fullCommand() || mode != Mode.NONE || !spec.parameters().isEmpty();
        return new ProcessMatch(spec.process(), spec.parameters(), mode, full);
    }

    public boolean matches(ProcessInfo p) {
        if (fullCommand) {
            if (p.argv().isEmpty() || !p.argv().get(0).equals(name)) {
                return false;
            }
        } else if (!p.comm().equals(name)) {
            return false;
        }
        if (mode == Mode.NONE) {
            return true;
        }
        String actual = joined(p.argv().subList(Math.min(1, p.argv().size()), p.argv().size()));
        String wanted = joined(parameters);
        return switch (mode) {
            case EXACT -> actual.equals(wanted);
            case PARTIAL -> actual.startsWith(wanted);
            case INITIAL -> wanted.isEmpty() || actual.startsWith(wanted.substring(0, wanted.length() - 1));
            case NONE -> true;
        };
    }

    /** keepalived compares the arguments as written in /proc/PID/cmdline: each followed by a NUL. */
    private static String joined(List<String> args) {
        var sb = new StringBuilder();
        args.forEach(a -> sb.append(a).append('\0'));
        return sb.toString();
    }
}
