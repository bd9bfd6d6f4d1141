package io.jkeepalived.config.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jkeepalived.config.ParsedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample configuration shipped with keepalived lexes without a finding, into a non-empty tree. */
class SamplesLexTest {
    static Stream<Path> samples() throws IOException {
        Path dir = io.jkeepalived.config.Reference.dir().resolve("samples");
        try (var s = Files.list(dir)) {
            return s.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void lexesCleanly(Path sample) {
        ParsedConfig pc = ConfigReader.read(sample, new ConfigReader.Options("main", false));
        assertEquals("", TreeText.diags(pc));
        assertFalse(pc.roots().isEmpty());
        assertEquals(java.util.List.of(sample.toAbsolutePath().normalize()),
                pc.files().stream().map(p -> p.toAbsolutePath().normalize()).toList());
    }
}
