package io.jkeepalived.cli;

/** A command line keepalived would refuse; the message is keepalived's words. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
