package io.jkeepalived.cli;

/** Whether an option takes a value, as getopt_long's no_argument / required_argument / optional_argument. */
public enum ArgKind {
    NONE,
    REQUIRED,
    /** Only attached: {@code -tFILE} or {@code --config-test=FILE}, never the next word. */
    OPTIONAL
}
