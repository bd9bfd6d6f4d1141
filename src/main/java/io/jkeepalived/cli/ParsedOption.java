package io.jkeepalived.cli;

import java.util.Optional;

/** One option as it was given, with its value when it has one. */
public record ParsedOption(OptionSpec spec, Optional<String> value) {
}
