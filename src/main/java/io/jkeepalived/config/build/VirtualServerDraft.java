package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.model.AddressFamily;
import io.jkeepalived.config.model.ForwardingMethod;
import io.jkeepalived.config.model.ScriptSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One virtual_server while it is read: what was written (nulls = not written; the real_server blocks are
 * kept to be read once the virtual server's own values, which they inherit, are known).
 */
final class VirtualServerDraft {
    String protocol;
    String sched;
    final Set<String> flags = new HashSet<>();
    ForwardingMethod method;
    Optional<Duration> persistence = Optional.empty();
    Optional<String> granularity = Optional.empty();
    Optional<String> engine = Optional.empty();
    Optional<AddressFamily> family = Optional.empty();
    int quorum = 1;
    int hysteresis;
    Optional<ScriptSpec> quorumUp = Optional.empty();
    Optional<ScriptSpec> quorumDown = Optional.empty();
    boolean omega;
    boolean haSuspend;
    boolean smtp;
    boolean inhibit;
    int weight = 1;
    InetAddress sorryIp;
    int sorryPort;
    boolean sorryInhibit;
    Optional<ForwardingMethod> sorryMethod = Optional.empty();
    Optional<String> snmpName = Optional.empty();
    Integer retry;
    Duration dbr;
    Duration warmup;
    Duration connectTimeout;
    Duration delayLoop;
    Boolean alpha;
    String vhost;
    final List<ConfigNode> rsNodes = new ArrayList<>();

    VirtualServerDraft(boolean smtpAlertDefault) {
        this.smtp = smtpAlertDefault;
    }
}
