package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Reference;
import io.jkeepalived.config.Token;
import io.jkeepalived.config.lex.ConfigReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bad values anywhere never crash the builders: every sample, with one word at a time replaced by
 * hostile text (seeded, so a failure repeats), must build with findings and no exception.
 */
class MutatedSamplesTest {
    private static final List<String> HOSTILE = List.of("", "-1", "0", "99999999999999999999999", "abc", "1.5.6", "/",
            "::", "1e9", "-0.0", "255.255.255.256", "192.0.2.1/99", "0x10", "NaN", "\u00e9", "a-b", "[", "}", ":80");

    @Test
    void hostileWordsNeverThrow() throws Exception {
        var random = new Random(42);
        try (var files = Files.list(Reference.dir().resolve("samples"))) {
            for (var sample : files.sorted().toList()) {
                var roots = ConfigReader.read(sample, new ConfigReader.Options("test", false)).roots();
                for (int round = 0; round < 200; round++) {
                    var mutated = mutate(roots, random);
                    assertDoesNotThrow(() -> new ConfigBuilder(new DiagnosticSink(),
                            HostInterfaces.of(Set.of("eth0", "eth1")), argv -> ScriptFinder.Found.MISSING).build(mutated),
                            sample.getFileName() + " round " + round);
                }
            }
        }
    }

    /** A copy of the tree where each word has a small chance to become hostile text or to be dropped. */
    private static List<ConfigNode> mutate(List<ConfigNode> nodes, Random random) {
        var out = new ArrayList<ConfigNode>(nodes.size());
        for (var n : nodes) {
            var args = new ArrayList<Token>();
            for (var a : n.args()) {
                int dice = random.nextInt(8);
                if (dice == 0) {
                    continue;
                }
                args.add(dice == 1 ? new Token(HOSTILE.get(random.nextInt(HOSTILE.size())), a.pos()) : a);
            }
            var keyword = random.nextInt(60) == 0
                    ? new Token(HOSTILE.get(random.nextInt(HOSTILE.size())), n.keyword().pos()) : n.keyword();
            out.add(new ConfigNode(keyword, args, mutate(n.children(), random), n.isBlock()));
        }
        return out;
    }
}
