package io.jkeepalived.config.lex;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.ParsedConfig;
import io.jkeepalived.config.Token;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Fuzzes the lexer with Jazzer: whatever the text, {@link ConfigReader} returns (no exception), quickly, and
 * every word it returns has a real position. Without {@code JAZZER_FUZZ} this runs the saved inputs in
 * {@code ConfigFuzzTestInputs/} as a regression test; with {@code JAZZER_FUZZ=1} it fuzzes for
 * {@code maxDuration} (override with {@code JAZZER_MAX_DURATION}).
 */
class ConfigFuzzTest {
    private static final ConfigReader.Options OPTS = new ConfigReader.Options("main", false);

    @FuzzTest(maxDuration = "60s")
    // libFuzzer dictionary syntax: \\ \" and \xNN are escapes.
    @DictionaryEntries({"include ", "includea ", "{", "}", "\\x0a", "\\\"", "'", "\\\\", "#", "!", "$A=", "$B=",
        "${A}", "$A ", "${_RANDOM 1 5}", "${_PWD}", "${_HASH}", "${_ENV HOME}", "@main ", "@^main ", "~SEQ(", "~SEQx(",
        "~LST(", "~LST({A,B},{1,2})", ", ", ")", " \\\\\\x0a", "vrrp_instance VI_1 {\\x0a", "virtual_ipaddress {",
        "\\\\x41", "\\\\101"})
    void readNeverFailsOrHangs(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ParsedConfig pc = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> ConfigReader.readWithoutIncludes(text, "fuzz.conf", OPTS, 1));
        for (Diagnostic d : pc.diagnostics()) {
            assertNotNull(d.message());
            assertNotNull(d.pos());
        }
        var todo = new ArrayDeque<ConfigNode>(pc.roots());
        while (!todo.isEmpty()) {
            ConfigNode n = todo.pop();
            checkPosition(n.keyword());
            n.args().forEach(ConfigFuzzTest::checkPosition);
            todo.addAll(n.children());
        }
    }

    private static void checkPosition(Token t) {
        assertTrue(t.pos().line() > 0 && t.pos().column() > 0, () -> "no position for '" + t.text() + "': " + t.pos());
    }
}
