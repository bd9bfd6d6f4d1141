package io.jkeepalived.vrrp.engine;

/** keepalived's instance states; {@link #logName()} is the word in "Entering ... STATE" and notify. */
public enum VrrpState {
    INIT, BACKUP, MASTER, FAULT;

    public String logName() {
        return name();
    }
}
