package io.jkeepalived.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command-line parsing with glibc getopt_long's rules, which keepalived's users rely on: clustered short
 * options ({@code -nlD}), values attached or in the next word ({@code -fFILE}, {@code -f FILE}),
 * optional values only when attached ({@code -tLOG}, {@code --config-test=LOG}), unambiguous prefixes of
 * long names ({@code --dont-f}), {@code --} ending the options, and non-options permuted to the end.
 * General-purpose parsers (picocli, commons-cli) differ from getopt on several of these, which would break
 * existing systemd units and scripts.
 */
public final class Getopt {
    private final List<OptionSpec> specs;

    public Getopt(List<OptionSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /** The options in order and the words that were not options. */
    public record Result(List<ParsedOption> options, List<String> operands) {
    }

    public Result parse(String[] args) throws UsageException {
        var options = new ArrayList<ParsedOption>();
        var operands = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                operands.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else if (a.startsWith("--")) {
                i = parseLong(args, i, options);
            } else if (a.startsWith("-") && a.length() > 1) {
                i = parseShortCluster(args, i, options);
            } else {
                operands.add(a);
            }
        }
        return new Result(options, operands);
    }

    private int parseLong(String[] args, int i, List<ParsedOption> out) throws UsageException {
        String body = args[i].substring(2);
        int eq = body.indexOf('=');
        String name = eq >= 0 ? body.substring(0, eq) : body;
        Optional<String> attached = eq >= 0 ? Optional.of(body.substring(eq + 1)) : Optional.empty();
        OptionSpec spec = findLong(name, args[i]);
        switch (spec.arg()) {
            case NONE -> {
                if (attached.isPresent()) {
                    throw new UsageException("Option '--" + spec.longName() + "' doesn't allow an argument");
                }
                out.add(new ParsedOption(spec, Optional.empty()));
            }
            case OPTIONAL -> out.add(new ParsedOption(spec, attached));
            case REQUIRED -> {
                if (attached.isPresent()) {
                    out.add(new ParsedOption(spec, attached));
                } else if (i + 1 < args.length) {
                    out.add(new ParsedOption(spec, Optional.of(args[++i])));
                } else {
                    throw new UsageException("Missing parameter for option --" + spec.longName());
                }
            }
        }
        return i;
    }

    private OptionSpec findLong(String name, String word) throws UsageException {
        OptionSpec prefixMatch = null;
        boolean ambiguous = false;
        for (var s : specs) {
            if (s.longName() == null) {
                continue;
            }
            if (s.longName().equals(name)) {
                return s;
            }
            if (!name.isEmpty() && s.longName().startsWith(name)) {
                ambiguous |= prefixMatch != null;
                prefixMatch = s;
            }
        }
        if (prefixMatch == null) {
            throw new UsageException("Unknown option " + word);
        }
        if (ambiguous) {
            throw new UsageException("Option '" + word + "' is ambiguous");
        }
        return prefixMatch;
    }

    private int parseShortCluster(String[] args, int i, List<ParsedOption> out) throws UsageException {
        String a = args[i];
        for (int k = 1; k < a.length(); k++) {
            char c = a.charAt(k);
            OptionSpec spec = findShort(c);
            String rest = a.substring(k + 1);
            switch (spec.arg()) {
                case NONE -> out.add(new ParsedOption(spec, Optional.empty()));
                case OPTIONAL -> {
                    out.add(new ParsedOption(spec, rest.isEmpty() ? Optional.empty() : Optional.of(rest)));
                    return i;
                }
                case REQUIRED -> {
                    if (!rest.isEmpty()) {
                        out.add(new ParsedOption(spec, Optional.of(rest)));
                    } else if (i + 1 < args.length) {
                        out.add(new ParsedOption(spec, Optional.of(args[++i])));
                    } else {
                        throw new UsageException("Missing parameter for option -" + c);
                    }
                    return i;
                }
            }
        }
        return i;
    }

    private OptionSpec findShort(char c) throws UsageException {
        for (var s : specs) {
            if (s.shortName() == c) {
                return s;
            }
        }
        throw new UsageException("Unknown option -" + c);
    }
}
