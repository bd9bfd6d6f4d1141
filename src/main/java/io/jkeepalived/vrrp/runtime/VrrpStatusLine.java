package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The VRRP part of the service manager's status line: each instance and its state while they fit on a line
 * ({@code 2 instances: VI_1 MASTER, VI_2 BACKUP}), else counts per state ({@code 255 instances: 200 MASTER, 55 BACKUP}).
 */
final class VrrpStatusLine {
    /** More instances than this are counted, not named. */
    static final int NAMED_MAX = 8;

    private VrrpStatusLine() {
    }

    static String of(List<Map.Entry<String, VrrpState>> instances) {
        String count = instances.size() + (instances.size() == 1 ? " instance" : " instances");
        if (instances.isEmpty()) {
            return "0 instances";
        }
        if (instances.size() <= NAMED_MAX) {
            return count + ": " + instances.stream().map(e -> e.getKey() + " " + e.getValue().logName())
                    .collect(Collectors.joining(", "));
        }
        var perState = new TreeMap<VrrpState, Integer>();
        instances.forEach(e -> perState.merge(e.getValue(), 1, Integer::sum));
        var ordered = new LinkedHashMap<VrrpState, Integer>();
        for (VrrpState s : List.of(VrrpState.MASTER, VrrpState.BACKUP, VrrpState.FAULT, VrrpState.INIT)) {
            if (perState.containsKey(s)) {
                ordered.put(s, perState.get(s));
            }
        }
        return count + ": " + ordered.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().logName())
                .collect(Collectors.joining(", "));
    }
}
