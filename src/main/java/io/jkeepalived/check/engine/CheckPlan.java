package io.jkeepalived.check.engine;

import java.util.List;

/**
 * Everything the check engine runs.
 *
 * @param routerId              for alert subjects
 * @param checkerLogAllFailures global checker_log_all_failures
 * @param rsInitNotifies        global rs_init_notifies: notify_up for servers that start up
 * @param noCheckerEmails       global no_checker_emails: mail only on real-server state changes
 */
public record CheckPlan(List<VirtualServerPlan> virtualServers, String routerId, boolean checkerLogAllFailures,
                        boolean rsInitNotifies, boolean noCheckerEmails) {
    public CheckPlan {
        virtualServers = List.copyOf(virtualServers);
    }
}
