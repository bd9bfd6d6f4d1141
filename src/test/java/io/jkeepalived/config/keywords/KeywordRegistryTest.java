package io.jkeepalived.config.keywords;

import io.jkeepalived.config.ConfigNode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.config.Trees;
import org.junit.jupiter.api.Test;

class KeywordRegistryTest {
    private final KeywordRegistry registry = KeywordRegistry.get();

    @Test
    void holdsEveryRowOfKeepalivedsIndex() {
        assertEquals(417, KeywordRegistry.all().size());
        assertEquals(417, KeywordRegistry.dumpLines().size());
    }

    @Test
    void checkerBlocksShareTheCommonKeywords() {
        assertTrue(registry.lookup("TCP_CHECK", "connect_timeout").isPresent());
        assertTrue(registry.lookup("SSL_GET", "url").isPresent());
        assertTrue(registry.lookup("MISC_CHECK", "retry").isPresent());
        assertFalse(registry.lookup("MISC_CHECK", "connect_ip").isPresent(), "MISC_CHECK connects nowhere");
        assertTrue(registry.lookup("host", "connect_port").isPresent());
    }

    @Test
    void deprecatedSynonymsAndNewKeywordsAreMarked() {
        assertEquals("retry", registry.lookup("SSL_GET", "nb_get_retry").orElseThrow().deprecatedOf().orElseThrow());
        assertTrue(registry.lookup("virtual_server", "lb_algo").orElseThrow().deprecatedOf().isEmpty(), "legacy, not deprecated");
        assertFalse(registry.lookup("vrrp_instance", "auth_hmac").orElseThrow().knownTo227());
        assertEquals(KeywordDef.Opens.LIST, registry.lookup("vrrp_instance", "virtual_ipaddress").orElseThrow().opens());
    }

    @Test
    void unknownKeywordIsReportedWithAHint() {
        var sink = new DiagnosticSink();
        var kept = new KeywordValidator(registry, sink).validate(Trees.parse(
                "vrrp_instance VI_1 {",
                "  priorty 100",
                "  state MASTER",
                "}"));
        var f = sink.findings();
        assertEquals(1, f.size(), f.toString());
        assertEquals("Unknown keyword 'priorty'", f.get(0).message());
        assertEquals(2, f.get(0).pos().line());
        assertEquals("did you mean 'priority'?", f.get(0).hint().orElseThrow());
        assertEquals(1, kept.size());
        assertEquals(1, kept.get(0).children().size());
    }

    /**
     * keepalived 2.2.7 skips no unknown block: its '{' is unexpected, its lines are read where it stands and its '}'
     * closes the enclosing block.
     */
    @Test
    void anUnknownKeywordsBlockIsReadAsKeepalivedReadsIt() {
        var sink = new DiagnosticSink();
        var kept = new KeywordValidator(registry, sink).validate(Trees.parse(
                "vrrp_instance VI_1 {",
                "  foo {",
                "    priority 50",
                "  }",
                "  state MASTER",
                "}"));
        var messages = sink.findings().stream().map(d -> d.message() + "@" + d.pos().line()).toList();
        assertTrue(messages.contains("Unknown keyword 'foo'@2"), messages.toString());
        assertTrue(messages.contains("Unexpected '{' - ignoring@2"), messages.toString());
        assertTrue(messages.contains("Unknown keyword 'state'@5"), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Unknown keyword '}'@")), messages.toString());
        assertEquals(List.of("priority"), kept.get(0).children().stream().map(ConfigNode::name).toList(),
                "the lines of the unknown block are the instance's");
    }

    @Test
    void keywordInTheWrongBlockSaysWhereItBelongs() {
        var sink = new DiagnosticSink();
        new KeywordValidator(registry, sink).validate(Trees.parse("virtual_ipaddress {", "  192.0.2.1", "}"));
        var f = sink.findings().stream().filter(d -> d.message().startsWith("Unknown keyword 'virtual")).findFirst().orElseThrow();
        assertEquals("Unknown keyword 'virtual_ipaddress'", f.message());
        assertEquals("'virtual_ipaddress' belongs in vrrp_instance", f.hint().orElseThrow());
    }

    @Test
    void keywordsNewerThan227AreParsedWithANote() {
        var sink = new DiagnosticSink();
        var kept = new KeywordValidator(registry, sink).validate(Trees.parse(
                "global_defs {",
                "  vrrp_delay_after_boot 10",
                "}"));
        assertEquals(1, kept.get(0).children().size());
        assertEquals(Severity.INFO, sink.findings().get(0).severity());
        assertTrue(sink.findings().get(0).message().contains("2.2.7 would not know it"));
    }

    @Test
    void deprecatedKeywordsGetAnInfoNoteWithTheirSuccessor() {
        var sink = new DiagnosticSink();
        new KeywordValidator(registry, sink).validate(Trees.parse("global_defs {", "  lvs_flush_onstop", "}"));
        var f = sink.findings().get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals("keyword 'lvs_flush_onstop' is deprecated", f.message());
        assertEquals("use 'lvs_flush_on_stop'", f.hint().orElseThrow());
    }

    @Test
    void didYouMeanOnlyForCloseWords() {
        assertEquals("priority", DidYouMean.closest("priorty", java.util.List.of("priority", "state")).orElseThrow());
        assertTrue(DidYouMean.closest("zzzzzzzz", java.util.List.of("priority", "state")).isEmpty());
    }
}
