package io.jkeepalived.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The config packages depend one way: config (tree, findings) ← lex, keywords, model ← build ← load.
 * Read from the imports of the main sources, so a cycle fails here before anyone has to untangle it.
 */
class ConfigPackagesTest {
    private static final Path ROOT = Path.of("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.jkeepalived\\.config(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    private static Map<String, Set<String>> dependencies() throws IOException {
        var graph = new TreeMap<String, Set<String>>();
        try (var files = Files.walk(ROOT.resolve("io/jkeepalived/config"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var pkg = ROOT.relativize(file.getParent()).toString().replace('/', '.');
                var deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                var m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        deps.add(m.group(1));
                    }
                }
            }
        }
        return graph;
    }

    @Test
    void theBasePackageImportsNoneOfItsSubPackages() throws IOException {
        assertEquals(Set.of(), dependencies().get("io.jkeepalived.config"));
    }

    @Test
    void noPackageReachesItself() throws IOException {
        var graph = dependencies();
        for (var start : graph.keySet()) {
            var seen = new HashSet<String>();
            var todo = new ArrayDeque<>(graph.get(start));
            while (!todo.isEmpty()) {
                var next = todo.pop();
                if (seen.add(next)) {
                    todo.addAll(graph.getOrDefault(next, Set.of()));
                }
            }
            assertTrue(!seen.contains(start), start + " depends on itself through " + seen);
        }
    }
}
