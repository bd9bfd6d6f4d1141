package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jkeepalived.config.keywords.KeywordRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every handler row names a keyword keepalived's tables have in that block: a typo would never fire. */
class KeywordTablesTest {
    private final KeywordRegistry registry = KeywordRegistry.get();

    @Test
    void everyHandledKeywordIsAKeywordOfItsBlock() {
        for (var table : List.of(VrrpInstanceKeywords.TABLE, GlobalDefsKeywords.TABLE, VirtualServerKeywords.TABLE,
                RealServerKeywords.TABLE, CheckerCommonKeywords.TABLE, UrlKeywords.TABLE, VrrpScriptKeywords.TABLE,
                TrackFileKeywords.TABLE, TrackProcessKeywords.TABLE, BfdInstanceKeywords.TABLE, GarpGroupKeywords.TABLE,
                VrrpSyncGroupKeywords.TABLE, RootKeywords.TABLE, SslKeywords.TABLE)) {
            for (var keyword : table.keywords()) {
                assertFalse(registry.lookup(table.block(), keyword).isEmpty(), table.block() + " has no keyword " + keyword);
            }
        }
    }

    @Test
    void everyCheckerKeywordBelongsToSomeCheckerKind() {
        for (var keyword : CheckerKeywords.TABLE.keywords()) {
            boolean known = KeywordRegistry.CHECKERS.stream().anyMatch(kind -> registry.lookup(kind, keyword).isPresent())
                    || registry.lookup("checker", keyword).isPresent();
            assertFalse(!known, "no checker kind has keyword " + keyword);
        }
    }

    @Test
    void aKeywordHasOneHandler() {
        var builder = KeywordTable.<StringBuilder>of("test").on("a", (d, w) -> d.append('a'));
        assertThrows(IllegalStateException.class, () -> builder.on("a", (d, w) -> d.append('b')));
    }

    @Test
    void includedRowsFillThePartOfTheDraftTheyAreAbout() {
        var shared = KeywordTable.<StringBuilder>of("shared").on("x", (d, w) -> d.append("x")).build();
        var table = KeywordTable.<StringBuilder[]>of("outer").include(shared, d -> d[1]).build();
        assertEquals(Set.of("x"), table.keywords());
    }
}
