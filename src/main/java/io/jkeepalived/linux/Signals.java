package io.jkeepalived.linux;

/** The signal numbers we send (the same on x86_64 and aarch64). */
public final class Signals {
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private Signals() {
    }
}
