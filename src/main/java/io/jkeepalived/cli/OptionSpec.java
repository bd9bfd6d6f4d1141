package io.jkeepalived.cli;

import java.util.Objects;

/**
 * One command-line option: its short letter (0 when it has none), its long name, and its argument kind.
 *
 * <p>{@code equals}/{@code hashCode} are written out (same meaning as the record's generated ones): the
 * generated ones bootstrap through {@code ObjectMethods} on first use, which spins method-handle classes
 * that the AOT cache does not keep - about 20 ms of CPU at every start, since {@link CommandLine} keys a
 * map by options.
 */
public record OptionSpec(char shortName, String longName, ArgKind arg) {
    public String displayName() {
        return shortName != 0 ? "-" + shortName : "--" + longName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionSpec other && shortName == other.shortName
                && Objects.equals(longName, other.longName) && arg == other.arg;
    }

    @Override
    public int hashCode() {
        return (31 * Character.hashCode(shortName) + Objects.hashCode(longName)) * 31 + Objects.hashCode(arg);
    }
}
