package io.jkeepalived.notify;

import io.jkeepalived.linux.Credentials;

/** Whom a script runs as, or why it may not run. */
sealed interface ScriptIdentity {
    /** As the daemon itself (root without keepalived_script and without enable_script_security, or not root). */
    record AsDaemon() implements ScriptIdentity {
    }

    /** As this user and group. */
    record As(Credentials credentials) implements ScriptIdentity {
    }

    /** Not at all: the log line says why, in keepalived's words. */
    record Refused(String reason) implements ScriptIdentity {
    }
}
