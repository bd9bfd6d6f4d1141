package io.jkeepalived.config.load;

import io.jkeepalived.config.Reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.testsupport.NetNs;
import io.jkeepalived.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -t} on every keepalived sample, in a namespace shaped like the one keepalived's verdicts were
 * recorded in (eth0..eth3 and eth0.1): our exit code must equal keepalived's, and every line keepalived
 * printed must be one of our findings - at the same line when keepalived gave one.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesVerdictTest {
    private static final Path REF = Reference.dir();
    private static final Pattern OURS = Pattern.compile("^(?:(.*?):(\\d+):(\\d+)|\\(no position\\)): ([a-z ]+): (.*)$");
    private static final Pattern THEIRS = Pattern.compile("^\\((.*?): Line (\\d+)\\) (.*)$");
    private NetNs ns;

    @BeforeAll
    void namespace() {
        Assumptions.assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        ns = NetNs.create("jkm", "samples");
        // veth pairs rather than dummy/vlan links: the kernels we run on may lack those modules.
        for (var ifname : List.of("eth0", "eth1", "eth2", "eth3", "eth0.1")) {
            ns.exec("ip", "link", "add", ifname, "type", "veth", "peer", "name", "p" + ifname.replace(".", ""));
            ns.exec("ip", "link", "set", ifname, "up");
        }
    }

    @AfterAll
    void cleanup() {
        if (ns != null) {
            ns.close();
        }
    }

    Stream<String> samples() throws Exception {
        try (var s = Files.list(REF.resolve("samples"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    record Finding(int line, String message) {
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sameVerdictAsKeepalived(String sample) throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        var classes = Path.of(ConfigTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        var result = ns.run(java, "-cp", classes, ConfigTest.class.getName(), "-f",
                REF.resolve("samples").resolve(sample).toString());

        var expectedExit = Files.readAllLines(REF.resolve("config-test/expected-exit.tsv")).stream()
                .map(l -> l.split("\t")).filter(c -> c[0].equals(sample)).map(c -> Integer.parseInt(c[1])).findFirst()
                .orElseThrow();
        var ours = new ArrayList<Finding>();
        for (var line : result.out().split("\n")) {
            var m = OURS.matcher(line);
            if (m.matches()) {
                ours.add(new Finding(m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), m.group(5)));
            }
        }
        assertEquals(expectedExit, result.exit(), sample + " exit code; our output:\n" + result.out());
        for (var line : Files.readAllLines(REF.resolve("config-test/expected/" + sample + ".out"))) {
            if (line.startsWith("exit status:") || line.isBlank()) {
                continue;
            }
            var m = THEIRS.matcher(line);
            if (m.matches()) {
                int lineNo = Integer.parseInt(m.group(2));
                var text = m.group(3);
                assertTrue(ours.stream().anyMatch(f -> f.line() == lineNo && f.message().startsWith(text)),
                        sample + ": no finding at line " + lineNo + " saying: " + text + "\nours:\n" + result.out());
            } else {
                assertTrue(ours.stream().anyMatch(f -> f.message().startsWith(line)),
                        sample + ": no finding saying: " + line + "\nours:\n" + result.out());
            }
        }
    }
}
