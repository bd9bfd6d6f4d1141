package io.jkeepalived.vrrp.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the tcpdump -x text of the golden keepalived capture into packets. */
record GoldenCapture(String summary, boolean ipv6, int vrid, int priority, byte[] bytes) {
    private static final Pattern VRID = Pattern.compile("vrid (\\d+), prio (\\d+)");

    static List<GoldenCapture> load() {
        try (InputStream in = GoldenCapture.class.getResourceAsStream("/vrrp/golden/capture-tcpdump.txt")) {
            if (in == null) {
                throw new IllegalStateException("golden capture resource missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<GoldenCapture> parse(String text) {
        List<GoldenCapture> out = new ArrayList<>();
        StringBuilder summary = null;
        StringBuilder hex = null;
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                add(out, summary, hex);
                summary = new StringBuilder(line);
                hex = new StringBuilder();
            } else if (line.trim().startsWith("0x")) {
                String data = line.trim().substring(line.trim().indexOf(':') + 1);
                hex.append(data.replace(" ", ""));
            } else if (summary != null) {
                summary.append(' ').append(line.trim());
            }
        }
        add(out, summary, hex);
        return out;
    }

    private static void add(List<GoldenCapture> out, StringBuilder summary, StringBuilder hex) {
        if (summary == null) {
            return;
        }
        String s = summary.toString();
        Matcher m = VRID.matcher(s);
        if (!m.find()) {
            throw new IllegalStateException("no vrid in " + s);
        }
        out.add(new GoldenCapture(s, s.contains(" IP6 "), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                HexFormat.of().parseHex(hex)));
    }
}
