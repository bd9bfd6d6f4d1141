package io.jkeepalived.config.keywords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived's keyword tables, read once from {@code keywords.tsv} (generated from keepalived's parser
 * sources, see src/build/gen-keywords.py). Checker blocks share the {@code checker} keywords; SSL_GET
 * shares HTTP_GET's; SMTP_CHECK's {@code host} block takes the checker connection keywords.
 */
public final class KeywordRegistry {
    /** Checker block kinds; they also accept the common checker keywords. */
    public static final Set<String> CHECKERS = Set.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "SMTP_CHECK", "MISC_CHECK",
            "UDP_CHECK", "DNS_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");
    /** The common checker keywords that only make sense for checkers that connect somewhere. */
    static final Set<String> CONNECTION_KEYWORDS = Set.of("connect_ip", "connect_port", "bindto", "bind_port", "bind_if",
            "connect_timeout", "fwmark");
    private static final Set<String> NO_CONNECTION = Set.of("MISC_CHECK", "FILE_CHECK", "BFD_CHECK");

    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("ROOT", "the top level"), Map.entry("authentication", "vrrp_instance>authentication"),
            Map.entry("auth_hmac", "vrrp_instance>auth_hmac"), Map.entry("real_server", "virtual_server>real_server"),
            Map.entry("checker", "virtual_server>real_server>*_CHECK"),
            Map.entry("HTTP_GET", "virtual_server>real_server>HTTP_GET|SSL_GET"),
            Map.entry("url", "virtual_server>real_server>HTTP_GET|SSL_GET>url"),
            Map.entry("host", "virtual_server>real_server>SMTP_CHECK>host"));

    private final List<KeywordDef> all;
    private final Map<String, Map<String, KeywordDef>> byBlock;

    private KeywordRegistry(List<KeywordDef> all) {
        this.all = List.copyOf(all);
        var map = new HashMap<String, Map<String, KeywordDef>>();
        for (var d : all) {
            map.computeIfAbsent(d.block(), k -> new HashMap<>()).put(d.keyword(), d);
        }
        this.byBlock = map;
    }

    private static final class Holder {
        static final KeywordRegistry INSTANCE = load();
    }

    /** The registry (loaded on first use; immutable). */
    public static KeywordRegistry get() {
        return Holder.INSTANCE;
    }

    /** Every (block, keyword) row, in keepalived's registration order. */
    public static List<KeywordDef> all() {
        return get().all;
    }

    private static KeywordRegistry load() {
        var in = KeywordRegistry.class.getResourceAsStream("keywords.tsv");
        if (in == null) {
            throw new IllegalStateException("keywords.tsv missing from the jkeepalived jar");
        }
        var rows = new ArrayList<KeywordDef>(420);
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                var c = line.split("\t", 6);
                var opens = switch (c[2]) {
                    case "block" -> KeywordDef.Opens.BLOCK;
                    case "list" -> KeywordDef.Opens.LIST;
                    default -> KeywordDef.Opens.NOTHING;
                };
                rows.add(new KeywordDef(c[0], c[1], opens, c[3], c[4].equals("-") ? Optional.empty() : Optional.of(c[4]),
                        c[5]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KeywordRegistry(rows);
    }

    /** The definition of {@code keyword} inside a block of kind {@code block}, if keepalived knows it there. */
    public Optional<KeywordDef> lookup(String block, String keyword) {
        var own = table(block).get(keyword);
        if (own != null) {
            return Optional.of(own);
        }
        if (CHECKERS.contains(block) || block.equals("host")) {
            var common = table("checker").get(keyword);
            if (common != null && (block.equals("host") ? CONNECTION_KEYWORDS.contains(keyword)
                    : !NO_CONNECTION.contains(block) || !CONNECTION_KEYWORDS.contains(keyword))) {
                return Optional.of(common);
            }
        }
        return Optional.empty();
    }

    /** Every keyword valid inside a block kind (for "did you mean"). */
    public List<String> keywordsOf(String block) {
        var names = new ArrayList<>(table(block).keySet());
        if (CHECKERS.contains(block) || block.equals("host")) {
            table("checker").keySet().stream().filter(k -> lookup(block, k).isPresent()).forEach(names::add);
        }
        return names;
    }

    /** The block kinds in which {@code keyword} is valid (for "X belongs in Y" hints). */
    public List<String> blocksOf(String keyword) {
        var out = new ArrayList<String>();
        for (var d : all) {
            if (d.keyword().equals(keyword) && !out.contains(d.block())) {
                out.add(d.block());
            }
        }
        return out;
    }

    /** The block kind a keyword's block has: SSL_GET blocks use HTTP_GET's table, SMTP_CHECK's host its own. */
    public static String childKind(String parentKind, String keyword) {
        if (parentKind.equals("SMTP_CHECK") && keyword.equals("host")) {
            return "host";
        }
        return keyword.equals("SSL_GET") ? "HTTP_GET" : keyword;
    }

    private Map<String, KeywordDef> table(String block) {
        return byBlock.getOrDefault(block.equals("SSL_GET") ? "HTTP_GET" : block, Map.of());
    }

    /** Where a block kind sits in the file, for listings: {@code vrrp_instance>authentication}. */
    public static String path(String block) {
        return PATHS.getOrDefault(block, block.startsWith("real_server") ? block : CHECKERS.contains(block)
                ? "virtual_server>real_server>" + block : block);
    }

    /** {@code --dump-keywords}: one line per keyword: block path, keyword, since, deprecated-of. */
    public static List<String> dumpLines() {
        var out = new ArrayList<String>(all().size());
        for (var d : all()) {
            var p = path(d.block());
            out.add((p.equals("the top level") ? "(top level)" : p) + "\t" + d.keyword() + "\t" + d.since() + "\t"
                    + d.deprecatedOf().map(s -> s.equals("*") ? "deprecated" : "deprecated, use " + s).orElse("-"));
        }
        return out;
    }
}
