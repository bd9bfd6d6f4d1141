package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.model.CheckerSpec;
import io.jkeepalived.config.model.UrlSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** regex_min_offset / regex_max_offset / regex_stack, fast_recovery and tls_compliant as keepalived's check_http.c reads them. */
class HttpExtrasKeywordsTest {
    private static Built ssl(String... lines) {
        var all = new java.util.ArrayList<>(List.of("virtual_server 192.0.2.1 443 {", "  protocol TCP", "  lb_algo rr", "  lb_kind NAT", "  real_server 192.0.2.11 443 {",
                "    SSL_GET {"));
        all.addAll(List.of(lines));
        all.addAll(List.of("    }", "  }", "}"));
        return Built.of(all.toArray(String[]::new));
    }

    private static CheckerSpec.HttpGetSpec checker(Built b) {
        return (CheckerSpec.HttpGetSpec) b.config().virtualServers().getFirst().realServers().getFirst().checkers().getFirst();
    }

    private static UrlSpec url(Built b) {
        return checker(b).urls().getFirst();
    }

    /** Every finding; keepalived only logs these (INFO: -t still exits 0). */
    private static String all(Built b) {
        assertEquals(List.of(), b.messages(), "nothing that changes -t's exit code");
        return b.findings().stream().map(d -> d.message()).toList().toString();
    }

    @Test
    void offsetsAreKeptWithARegex() {
        var b = ssl("      url {", "        path /", "        regex ok", "        regex_min_offset 10", "        regex_max_offset 20", "      }");
        assertEquals(List.of(), b.messages());
        assertEquals(10, url(b).regexMinOffset());
        assertEquals(20, url(b).regexMaxOffset());
        b = ssl("      url {", "        path /", "        regex ok", "        regex_max_offset 0", "      }");
        assertEquals(0, url(b).regexMaxOffset(), "0 is a limit: the match must start at the body's first byte");
        assertEquals(-1, url(ssl("      url {", "        path /", "        regex ok", "      }")).regexMaxOffset());
    }

    @Test
    void offsetsWithoutRegexOrAWindowThatEndsBeforeItStartsAreDroppedAsKeepalivedDoes() {
        var b = ssl("      url {", "        path /", "        regex_min_offset 10", "      }");
        assertTrue(all(b).contains("regex parameters specified without regex"), b.messages().toString());
        assertEquals(0, url(b).regexMinOffset());
        b = ssl("      url {", "        path /", "        regex ok", "        regex_min_offset 30", "        regex_max_offset 20", "      }");
        assertTrue(all(b).contains("regex min offset 30 > regex_max_offset 20 - ignoring"), b.messages().toString());
        assertEquals(0, url(b).regexMinOffset());
        assertEquals(-1, url(b).regexMaxOffset());
        b = ssl("      url {", "        path /", "        regex ok", "        regex_min_offset x1", "      }");
        assertTrue(all(b).contains("Invalid regex_min_offset x1 specified"), b.messages().toString());
    }

    @Test
    void fastRecoveryAndTlsCompliantOnTheCheckerAndTheUrl() {
        var b = ssl("      fast_recovery", "      tls_compliant no", "      url {", "        path /", "        tls_compliant", "      }");
        assertEquals(List.of(), b.messages());
        assertTrue(checker(b).fastRecovery());
        assertFalse(checker(b).tlsCompliant());
        assertTrue(url(b).tlsCompliant());
        b = ssl("      url {", "        path /", "      }");
        assertFalse(checker(b).fastRecovery());
        assertFalse(url(b).tlsCompliant());
    }

    @Test
    void regexStackIsNamedAsUnsupported() {
        var b = ssl("      url {", "        path /", "        regex ok", "        regex_stack 32768 65536", "      }");
        assertTrue(b.unsupported().toString().contains("regex_stack is not supported by jkeepalived (PCRE2 JIT stack size)"),
                b.unsupported().toString());
        assertEquals(List.of(), b.messages());
    }
}
