package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.model.ForwardingMethod;
import io.jkeepalived.config.model.ScriptSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One real_server while it is read. Its checker blocks are kept and read after the whole block, because a
 * checker inherits the real server's values wherever they are written in it.
 */
final class RealServerDraft {
    int weight;
    ForwardingMethod method;
    OptionalInt upper = OptionalInt.empty();
    OptionalInt lower = OptionalInt.empty();
    boolean inhibit;
    Optional<ScriptSpec> up = Optional.empty();
    Optional<ScriptSpec> down = Optional.empty();
    boolean smtp;
    Integer retry;
    Duration dbr;
    Duration warmup;
    Duration ct;
    Duration dl;
    Boolean alpha;
    String vhost;
    final List<ConfigNode> checkerNodes = new ArrayList<>();

    /** Starts with what the virtual server gives every real server that does not say otherwise. */
    RealServerDraft(int weight, ForwardingMethod method, boolean inhibit, boolean smtp) {
        this.weight = weight;
        this.method = method;
        this.inhibit = inhibit;
        this.smtp = smtp;
    }

    /** What this real server passes down to its checkers, over what its virtual server does. */
    CheckerDefaults checkerDefaults(CheckerDefaults virtualServer) {
        return new CheckerDefaults(retry, dbr, warmup, ct, dl, alpha, vhost).over(virtualServer);
    }
}
