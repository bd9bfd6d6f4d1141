package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jkeepalived.config.keywords.KeywordRegistry;
import java.util.ArrayList;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's "accepted means applied": every keyword row of keepalived's tables has a run-time status, and
 * every accessor an applied row names is read by production code outside the config packages (the code
 * that acts on it). A row whose value nothing reads must say it is unsupported, and why.
 */
class AcceptedMeansAppliedTest {
    private static final String CONFIG = "io.jkeepalived.config";

    @Test
    void everyKeywordRowHasAStatus() {
        var unmarked = new TreeSet<String>();
        for (var row : KeywordRegistry.all()) {
            if (KeywordStatuses.of(row).isEmpty()) {
                unmarked.add(row.block() + " " + row.keyword());
            }
        }
        assertEquals(new TreeSet<String>(), unmarked, "rows neither applied nor marked unsupported/config-only");
    }

    @Test
    void everyAppliedRowFillsSomethingRunTimeCodeReads() throws Exception {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jkeepalived");
        var named = accessorsNamedByTables(production);
        assertTrue(named.size() > 200, () -> "the tables' applied(...) accessors were not found: " + named);
        var unread = new TreeSet<String>();
        named.forEach((where, method) -> {
            if (!readOutsideConfig(production, method)) {
                unread.add(where + " -> " + method);
            }
        });
        assertEquals(new TreeSet<String>(), unread, "applied rows whose accessor no run-time code reads");
    }

    @Test
    void everyAppliedRowNamesItsAccessorByMethodReference() {
        long applied = KeywordRegistry.all().stream()
                .flatMap(row -> KeywordStatuses.of(row).stream())
                .filter(KeywordStatus.Applied.class::isInstance)
                .count();
        assertTrue(applied > 0, "no applied row");
        for (var row : KeywordRegistry.all()) {
            if (KeywordStatuses.of(row).orElse(null) instanceof KeywordStatus.Applied a) {
                for (var accessor : a.fills()) {
                    assertTrue(accessor.getClass().isHidden(), () -> row.keyword() + ": accessor is not a method reference");
                }
            }
        }
    }

    @Test
    void unsupportedRowsWarnOncePerLine() {
        var warnings = Built.of("global_defs {", "  enable_traps", "  enable_traps", "}").unsupported();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).endsWith(":2:3: warning: enable_traps is not supported by jkeepalived (SNMP) and is ignored"),
                warnings.get(0));
    }

    /**
     * Every {@code Owner::method} a keyword table passes to {@code applied(...)}, keyed by where it is written
     * ({@code VrrpInstanceKeywords.java:27}): read from the invokedynamic instructions of the config.build
     * classes whose call site makes a {@link ModelAccessor}. Each table's rows are built in its static
     * initialiser, so every accessor of every applied row is one of these call sites.
     */
    private static java.util.Map<String, String> accessorsNamedByTables(JavaClasses production) throws java.io.IOException {
        var accessor = java.lang.constant.ClassDesc.of(ModelAccessor.class.getName());
        var found = new java.util.TreeMap<String, String>();
        for (JavaClass type : production) {
            if (!type.getPackageName().equals(ModelAccessor.class.getPackageName())) {
                continue;
            }
            String resource = type.getName().replace('.', '/') + ".class";
            byte[] bytes;
            try (var in = ModelAccessor.class.getClassLoader().getResourceAsStream(resource)) {
                bytes = in.readAllBytes();
            }
            var model = java.lang.classfile.ClassFile.of().parse(bytes);
            String file = model.findAttribute(java.lang.classfile.Attributes.sourceFile())
                    .map(a -> a.sourceFile().stringValue()).orElse(type.getSimpleName());
            for (var method : model.methods()) {
                var code = method.code();
                if (code.isEmpty()) {
                    continue;
                }
                int line = 0;
                for (var element : code.get()) {
                    if (element instanceof java.lang.classfile.instruction.LineNumber ln) {
                        line = ln.line();
                    } else if (element instanceof java.lang.classfile.instruction.InvokeDynamicInstruction indy
                            && indy.typeSymbol().returnType().equals(accessor)
                            && indy.bootstrapArgs().size() > 1
                            && indy.bootstrapArgs().get(1) instanceof java.lang.constant.DirectMethodHandleDesc target) {
                        found.put(file + ":" + line + " #" + found.size(),
                                target.owner().packageName() + "." + target.owner().displayName() + "::" + target.methodName());
                    }
                }
            }
        }
        return found;
    }

    /** Whether code outside config calls (or references) the method, or an interface method it implements. */
    private static boolean readOutsideConfig(JavaClasses classes, String named) {
        var owner = named.substring(0, named.indexOf("::")).replace('$', '.');
        var name = named.substring(named.indexOf("::") + 2);
        JavaClass type = classes.stream().filter(c -> c.getFullName().replace('$', '.').equals(owner)).findFirst()
                .orElseThrow(() -> new AssertionError("no class " + owner));
        var candidates = new ArrayList<JavaMethod>();
        type.tryGetMethod(name).ifPresent(candidates::add);
        for (var itf : type.getAllRawInterfaces()) {
            itf.tryGetMethod(name).ifPresent(candidates::add);
        }
        return candidates.stream().flatMap(m -> m.getAccessesToSelf().stream())
                .anyMatch(a -> !a.getOriginOwner().getPackageName().startsWith(CONFIG));
    }
}
