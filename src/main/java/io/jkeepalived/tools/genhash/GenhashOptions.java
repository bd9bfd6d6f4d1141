package io.jkeepalived.tools.genhash;

import io.jkeepalived.check.checkers.HttpProtocol;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * genhash's command line, parsed the way keepalived's getopt_long string
 * {@code ":hvSs:V:p:u:m:P:t:I"} does: short options may be bundled ({@code -vS}) and take their value
 * attached or as the next word; long options take {@code --opt value} or {@code --opt=value}.
 */
record GenhashOptions(InetAddress server, int port, String url, boolean ssl, boolean sni, Optional<String> virtualhost,
                      boolean verbose, HttpProtocol protocol, Optional<Duration> timeout, Optional<Long> fwmark) {

    /** Either options, or the messages to print before the usage text. */
    sealed interface Parsed {
        record Ok(GenhashOptions options) implements Parsed {
        }

        record Usage(List<String> errors) implements Parsed {
        }
    }

    private static final String WITH_VALUE = "sVpumPt";

    static Parsed parse(String[] args) {
        var errors = new ArrayList<String>();
        InetAddress server = null;
        Integer port = null;
        String url = null;
        boolean ssl = false;
        boolean sni = false;
        boolean verbose = false;
        boolean help = false;
        String vhost = null;
        HttpProtocol protocol = HttpProtocol.HTTP_1_0;
        Duration timeout = null;
        Long fwmark = null;
        var operands = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            List<Opt> opts = new ArrayList<>();
            if (arg.startsWith("--") && arg.length() > 2) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Character c = longToShort(name);
                if (c == null) {
                    errors.add("Unknown option " + arg);
                    help = true;
                    continue;
                }
                if (WITH_VALUE.indexOf(c) >= 0 && value == null) {
                    if (i + 1 >= args.length) {
                        errors.add("Missing parameter for option --" + name);
                        help = true;
                        continue;
                    }
                    value = args[++i];
                }
                opts.add(new Opt(c, value));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int k = 1; k < arg.length(); k++) {
                    char c = arg.charAt(k);
                    if ("hvSI".indexOf(c) >= 0) {
                        opts.add(new Opt(c, null));
                    } else if (WITH_VALUE.indexOf(c) >= 0) {
                        String value;
                        if (k + 1 < arg.length()) {
                            value = arg.substring(k + 1);
                        } else if (i + 1 < args.length) {
                            value = args[++i];
                        } else {
                            errors.add("Missing parameter for option -" + c);
                            help = true;
                            break;
                        }
                        opts.add(new Opt(c, value));
                        break;
                    } else {
                        errors.add("Unknown option -" + c);
                        help = true;
                    }
                }
            } else {
                operands.add(arg);
            }
            for (Opt o : opts) {
                switch (o.name()) {
                    case 'h' -> help = true;
                    case 'v' -> verbose = true;
                    case 'S' -> ssl = true;
                    case 'I' -> sni = true;
                    case 's' -> {
                        try {
                            server = InetAddress.ofLiteral(o.value());
                        } catch (IllegalArgumentException e) {
                            return fatal("server should be an IP, not " + o.value());
                        }
                    }
                    case 'V' -> vhost = o.value();
                    case 'p' -> {
                        try {
                            port = Integer.parseInt(o.value());
                        } catch (NumberFormatException e) {
                            port = -1;
                        }
                        if (port <= 0 || port > 65535) {
                            return fatal("invalid port number '" + o.value() + "'");
                        }
                    }
                    case 'u' -> url = o.value();
                    case 'm' -> {
                        try {
                            fwmark = Long.parseUnsignedLong(o.value().strip());
                        } catch (NumberFormatException e) {
                            return fatal("invalid fwmark '" + o.value() + "'");
                        }
                    }
                    case 'P' -> {
                        var p = HttpProtocol.parse(o.value());
                        if (p.isEmpty()) {
                            return fatal("invalid HTTP protocol version '" + o.value() + "'");
                        }
                        protocol = p.get();
                    }
                    case 't' -> {
                        try {
                            long s = Long.parseLong(o.value().strip());
                            if (s < 0 || o.value().strip().startsWith("-")) {
                                throw new NumberFormatException();
                            }
                            timeout = Duration.ofSeconds(s);
                        } catch (NumberFormatException e) {
                            return fatal("invalid timeout '" + o.value() + "'");
                        }
                    }
                    default -> throw new IllegalStateException("option " + o.name());
                }
            }
        }
        if (help) {
            return new Parsed.Usage(errors);
        }
        if (!operands.isEmpty()) {
            return new Parsed.Usage(List.of("Unexpected argument(s): " + String.join(" ", operands)));
        }
        if (server == null || port == null || url == null) {
            return new Parsed.Usage(List.of());
        }
        return new Parsed.Ok(new GenhashOptions(server, port, url, ssl, sni, Optional.ofNullable(vhost), verbose, protocol,
                Optional.ofNullable(timeout), Optional.ofNullable(fwmark)));
    }

    private static Parsed fatal(String message) {
        return new Parsed.Usage(List.of(message));
    }

    private record Opt(char name, String value) {
    }

    private static Character longToShort(String name) {
        return switch (name) {
            case "help" -> 'h';
            case "verbose" -> 'v';
            case "use-ssl" -> 'S';
            case "use-sni" -> 'I';
            case "server" -> 's';
            case "use-virtualhost" -> 'V';
            case "port" -> 'p';
            case "url" -> 'u';
            case "fwmark" -> 'm';
            case "protocol" -> 'P';
            case "timeout" -> 't';
            default -> null;
        };
    }
}
