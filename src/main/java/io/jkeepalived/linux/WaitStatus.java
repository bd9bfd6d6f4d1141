package io.jkeepalived.linux;

/** A child's end as waitpid(2) reports it: exited with a code, or killed by a signal. */
public record WaitStatus(int raw) {
    public boolean exited() {
        return (raw & 0x7f) == 0;
    }

    /** WEXITSTATUS; meaningful when {@link #exited()}. */
    public int exitCode() {
        return (raw >> 8) & 0xff;
    }

    /** WTERMSIG; meaningful when not {@link #exited()}. */
    public int signal() {
        return raw & 0x7f;
    }
}
