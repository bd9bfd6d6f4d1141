package io.jkeepalived.config.build;

import io.jkeepalived.config.keywords.KeywordDef;
import io.jkeepalived.config.keywords.KeywordRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run-time status of each of keepalived's keyword rows, read from the keyword tables that handle them:
 * what {@code --dump-keywords} prints and what the "accepted means applied" test checks.
 */
public final class KeywordStatuses {
    /** keywords.tsv's block kinds and the table that reads their lines. */
    private static final Map<String, KeywordTable<?>> TABLES = Map.ofEntries(
            Map.entry("ROOT", RootKeywords.TABLE),
            Map.entry("global_defs", GlobalDefsKeywords.TABLE),
            Map.entry("vrrp_instance", VrrpInstanceKeywords.TABLE),
            Map.entry("vrrp_sync_group", VrrpSyncGroupKeywords.TABLE),
            Map.entry("vrrp_script", VrrpScriptKeywords.TABLE),
            Map.entry("vrrp_track_process", TrackProcessKeywords.TABLE),
            Map.entry("track_file", TrackFileKeywords.TABLE),
            Map.entry("vrrp_track_file", TrackFileKeywords.TABLE),
            Map.entry("bfd_instance", BfdInstanceKeywords.TABLE),
            Map.entry("garp_group", GarpGroupKeywords.TABLE),
            Map.entry("SSL", SslKeywords.TABLE),
            Map.entry("virtual_server", VirtualServerKeywords.TABLE),
            Map.entry("real_server", RealServerKeywords.TABLE),
            Map.entry("url", UrlKeywords.TABLE),
            Map.entry("host", CheckerCommonKeywords.TABLE),
            Map.entry("checker", CheckerKeywords.TABLE),
            Map.entry("TCP_CHECK", CheckerKeywords.TABLE),
            Map.entry("HTTP_GET", CheckerKeywords.TABLE),
            Map.entry("SSL_GET", CheckerKeywords.TABLE),
            Map.entry("SMTP_CHECK", CheckerKeywords.TABLE),
            Map.entry("MISC_CHECK", CheckerKeywords.TABLE),
            Map.entry("UDP_CHECK", CheckerKeywords.TABLE),
            Map.entry("DNS_CHECK", CheckerKeywords.TABLE),
            Map.entry("PING_CHECK", CheckerKeywords.TABLE),
            Map.entry("FILE_CHECK", CheckerKeywords.TABLE));

    /**
     * Blocks read by their opener's handler, not by a table of their own: their lines share the opener's
     * status (an unsupported block is named once, at its opening line).
     */
    private static final Map<String, String> READ_BY_OPENER = Map.of(
            "authentication", "vrrp_instance", "auth_hmac", "vrrp_instance", "track_group", "ROOT",
            "BFD_CHECK", "real_server");

    private KeywordStatuses() {
    }

    /** The status of {@code keyword} inside a block of kind {@code block}; empty when no table says one. */
    public static Optional<KeywordStatus> of(String block, String keyword) {
        var opener = READ_BY_OPENER.get(block);
        if (opener != null) {
            return of(opener, block);
        }
        var table = TABLES.get(block);
        return table == null ? Optional.empty() : table.status(keyword);
    }

    public static Optional<KeywordStatus> of(KeywordDef row) {
        return of(row.block(), row.keyword());
    }

    /** Whether a line of {@code keyword} in {@code block} takes effect (is not marked unsupported). */
    public static boolean inForce(String block, String keyword) {
        return !(of(block, keyword).orElse(null) instanceof KeywordStatus.Unsupported);
    }

    /** {@code --dump-keywords}: block path, keyword, since, deprecation, run-time status. */
    public static List<String> dumpLines() {
        var out = new ArrayList<String>();
        var rows = KeywordRegistry.all();
        var plain = KeywordRegistry.dumpLines();
        for (int i = 0; i < rows.size(); i++) {
            out.add(plain.get(i) + "\t" + of(rows.get(i)).map(KeywordStatus::label).orElse("UNMARKED"));
        }
        return out;
    }
}
