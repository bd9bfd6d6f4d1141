package io.jkeepalived.architecture.violations.daemon;

/** The top layer, imported from below by the deliberate violation. */
public final class Upper {
    public static final long VALUE = System.identityHashCode(Upper.class);

    private Upper() {
    }
}
