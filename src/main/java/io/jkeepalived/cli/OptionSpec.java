package io.jkeepalived.cli;

/**
 * One command-line option: its short letter (0 when it has none), its long name, and its argument kind.
 */
public record OptionSpec(char shortName, String longName, ArgKind arg) {
    public String displayName() {
        return shortName != 0 ? "-" + shortName : "--" + longName;
    }
}
