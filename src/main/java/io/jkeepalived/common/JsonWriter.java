package io.jkeepalived.common;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A JSON document written as keepalived's json_writer writes it: one line, no spaces, '/' escaped as "\/", commas
 * placed by the writer (so callers only open, name, write and close). Unlike keepalived's, a backslash is written
 * as "\\" (keepalived writes "\n" for it) and other control characters as \\u00XX: the output is always valid JSON.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder(1024);
    private boolean comma;

    public JsonWriter startObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter startArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    /** The name of the next member of an object. */
    public JsonWriter name(String name) {
        separate();
        quote(out, name);
        out.append(':');
        comma = false;
        return this;
    }

    public JsonWriter string(String value) {
        separate();
        quote(out, value);
        return this;
    }

    public JsonWriter number(long value) {
        separate();
        out.append(value);
        return this;
    }

    /** A number as C's printf {@code %g} writes it (6 significant digits, no trailing zeros), as keepalived's floats. */
    public JsonWriter numberG(double value) {
        separate();
        out.append(formatG(value));
        return this;
    }

    /** A number as C's printf {@code %f} writes it (6 decimals). */
    public JsonWriter numberF(double value) {
        separate();
        out.append(String.format(Locale.ROOT, "%.6f", value));
        return this;
    }

    public JsonWriter bool(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    public JsonWriter field(String name, String value) {
        return name(name).string(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).number(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).bool(value);
    }

    /** keepalived's {@code jsonw_uint_field} of a flag: 1 or 0. */
    public JsonWriter flag(String name, boolean value) {
        return name(name).number(value ? 1 : 0);
    }

    /** The document as written so far. */
    public String text() {
        return out.toString();
    }

    /** The document, with the newline keepalived ends it with. */
    public String finish() {
        return out + "\n";
    }

    private JsonWriter open(char c) {
        separate();
        out.append(c);
        comma = false;
        return this;
    }

    private JsonWriter close(char c) {
        out.append(c);
        comma = true;
        return this;
    }

    private void separate() {
        if (comma) {
            out.append(',');
        }
        comma = true;
    }

    /** C's {@code %g}: 6 significant digits; exponent form below 1e-4 or from 1e6 on; trailing zeros removed. */
    public static String formatG(double value) {
        if (value == 0) {
            return "0";
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return mantissa + (exponent < 0 ? "e-" : "e+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** Appends {@code s} as a JSON string. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '/' -> sb.append("\\/");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case '\b' -> sb.append("\\b");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
