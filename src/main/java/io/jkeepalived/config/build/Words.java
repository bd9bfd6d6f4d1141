package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.ScriptSpec;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads the values of one configuration line the way keepalived's {@code read_*_strvec} helpers do,
 * reporting keepalived's own words at the line: {@code invalid number 'X'},
 * {@code number 'X' outside range [a, b]}, and the fatal {@code missing a parameter after keyword}.
 */
final class Words {
    private final ConfigNode node;
    private final DiagnosticSink sink;

    Words(ConfigNode node, DiagnosticSink sink) {
        this.node = node;
        this.sink = sink;
    }

    /** The line these words were read from (for list blocks and keywords that read their own children). */
    ConfigNode node() {
        return node;
    }

    /** Where findings go, for handlers that read the lines of a block inside this line. */
    DiagnosticSink sink() {
        return sink;
    }

    SourcePos pos() {
        return node.pos();
    }

    String keyword() {
        return node.name();
    }

    int count() {
        return node.args().size();
    }

    /** Argument {@code i} (0 = first word after the keyword). */
    Optional<String> arg(int i) {
        return i < node.args().size() ? Optional.of(node.args().get(i).text()) : Optional.empty();
    }

    SourcePos argPos(int i) {
        return i < node.args().size() ? node.args().get(i).pos() : node.pos();
    }

    /** The argument keepalived cannot do without: a missing one stops parsing (exit 2), as in keepalived. */
    Optional<String> required(int i) {
        var a = arg(i);
        if (a.isEmpty()) {
            sink.report(Severity.FATAL, node.pos(), "*** Configuration line starting `" + keyword()
                    + "` is missing a parameter after keyword `" + keyword() + "` at word position " + (i + 2));
        }
        return a;
    }

    void error(String message) {
        sink.error(node.pos(), message);
    }

    void warning(String message) {
        sink.warning(node.pos(), message);
    }

    /** What keepalived only logs (log_message, not a config error): {@code -t}'s exit code stays 0. */
    void info(String message) {
        sink.report(io.jkeepalived.config.Severity.INFO, node.pos(), message);
    }

    /** An integer in [min, max]; keepalived's words on failure; empty when invalid. */
    OptionalLong integer(int i, long min, long max) {
        var a = required(i);
        if (a.isEmpty()) {
            return OptionalLong.empty();
        }
        return integer(a.get(), min, max);
    }

    OptionalLong integer(String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            error("invalid number '" + text + "'");
            return OptionalLong.empty();
        }
        if (v < 0 && min >= 0) {
            error("negative number '" + text + "'");
            return OptionalLong.empty();
        }
        if (v < min || v > max) {
            error("number '" + text + "' outside range [" + min + ", " + max + "]");
            return OptionalLong.empty();
        }
        return OptionalLong.of(v);
    }

    OptionalInt intIn(int i, int min, int max) {
        var v = integer(i, min, max);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** Seconds, possibly fractional (keepalived keeps microseconds), in [min, max] seconds. */
    Optional<Duration> seconds(int i, double min, double max) {
        var a = required(i);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        return seconds(a.get(), min, max);
    }

    Optional<Duration> seconds(String text, double min, double max) {
        long micros = plainMicros(text);
        if (micros < 0) {
            BigDecimal v;
            try {
                v = new BigDecimal(text);
            } catch (NumberFormatException e) {
                error("invalid number '" + text + "'");
                return Optional.empty();
            }
            if (v.signum() < 0 && min >= 0) {
                error("negative number '" + text + "'");
                return Optional.empty();
            }
            if (v.compareTo(BigDecimal.valueOf(max)) > 0 || v.compareTo(BigDecimal.valueOf(min)) < 0) {
                error("number '" + text + "' outside range [" + decimal(min) + ", " + decimal(max) + "]");
                return Optional.empty();
            }
            if (v.scale() > 6) {
                // keepalived keeps microseconds: it says so and rounds.
                warning("number '" + text + "' has too many decimal places");
            }
            micros = v.setScale(6, java.math.RoundingMode.HALF_UP).movePointRight(6).longValue();
        }
        if (micros < min * 1e6 || micros > max * 1e6) {
            error("number '" + text + "' outside range [" + decimal(min) + ", " + decimal(max) + "]");
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(micros * 1000));
    }

    /** keepalived prints timer limits with 6 decimals; its "no limit" is ULONG_MAX microseconds. */
    private static String decimal(double v) {
        return v >= 1.8e13 ? "18446744073709.551614" : String.format(java.util.Locale.ROOT, "%f", v);
    }

    /** {@code 12} or {@code 1.5} (at most 6 decimals, at most 12 integer digits) as microseconds; -1 otherwise. */
    static long plainMicros(String text) {
        int n = text.length();
        if (n == 0 || n > 19) {
            return -1;
        }
        long whole = 0;
        int i = 0;
        int digits = 0;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            whole = whole * 10 + (text.charAt(i++) - '0');
            digits++;
        }
        if (digits == 0 || digits > 12) {
            return -1;
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && fracDigits < 6) {
                frac = frac * 10 + (text.charAt(i++) - '0');
                fracDigits++;
            }
        }
        if (i != n) {
            return -1;
        }
        for (int k = fracDigits; k < 6; k++) {
            frac *= 10;
        }
        return whole * 1_000_000 + frac;
    }

    /** keepalived's optional boolean after a flag keyword: none = true; yes/no/true/false/on/off/1/0. */
    boolean bool(int i) {
        return bool(i, null);
    }

    /** As {@link #bool(int)}, with the block's own words for a bad value (keepalived words them per block). */
    boolean bool(int i, String badValueMessage) {
        var a = arg(i);
        if (a.isEmpty()) {
            return true;
        }
        return switch (a.get().toLowerCase()) {
            case "yes", "true", "on", "1" -> true;
            case "no", "false", "off", "0" -> false;
            default -> {
                error(badValueMessage != null ? badValueMessage + " " + a.get()
                        : "Invalid boolean value '" + a.get() + "' for " + keyword() + " - assuming true");
                yield true;
            }
        };
    }

    Optional<InetAddress> address(int i) {
        var a = required(i);
        return a.flatMap(t -> Addresses.parse(t));
    }

    /** The rest of the line from word {@code i} as one string. */
    String rest(int i) {
        var parts = new ArrayList<String>();
        for (int k = i; k < count(); k++) {
            parts.add(node.args().get(k).text());
        }
        return String.join(" ", parts);
    }

    /**
     * A script line: {@code KEYWORD "cmd args" [user [group]]} or {@code KEYWORD cmd} (one quoted word
     * holds the whole command; further words are user and group).
     */
    Optional<ScriptSpec> script(int i) {
        var cmd = required(i);
        if (cmd.isEmpty()) {
            return Optional.empty();
        }
        var user = arg(i + 1);
        var group = arg(i + 2);
        if (user.isPresent() && user.get().contains(":") && group.isEmpty()) {
            var ug = user.get().split(":", 2);
            user = Optional.of(ug[0]);
            group = ug[1].isEmpty() ? Optional.empty() : Optional.of(ug[1]);
        }
        return Optional.of(new ScriptSpec(cmd.get(), splitCommand(cmd.get()), user, group, node.pos()));
    }

    /** Splits a command line into words, honouring single and double quotes (as keepalived does for execve). */
    static List<String> splitCommand(String line) {
        var out = new ArrayList<String>();
        var cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && k + 1 < line.length()) {
                cur.append(line.charAt(++k));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
