package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jkeepalived.config.keywords.KeywordRegistry;
import java.lang.invoke.SerializedLambda;
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
    void everyAppliedRowFillsSomethingRunTimeCodeReads() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jkeepalived");
        var unread = new TreeSet<String>();
        for (var row : KeywordRegistry.all()) {
            if (KeywordStatuses.of(row).orElse(null) instanceof KeywordStatus.Applied applied) {
                for (var accessor : applied.fills()) {
                    var named = method(accessor);
                    if (!readOutsideConfig(production, named)) {
                        unread.add(row.block() + " " + row.keyword() + " -> " + named);
                    }
                }
            }
        }
        assertEquals(new TreeSet<String>(), unread, "applied rows whose accessor no run-time code reads");
    }

    @Test
    void unsupportedRowsWarnOncePerLine() {
        var warnings = Built.of("global_defs {", "  enable_traps", "  enable_traps", "}").unsupported();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).endsWith(":2:3: warning: enable_traps is not supported by jkeepalived (SNMP) and is ignored"),
                warnings.get(0));
    }

    /** {@code Owner::method} as written in the table, recovered from the serializable method reference. */
    private static String method(ModelAccessor<?> accessor) {
        try {
            var writeReplace = accessor.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            var lambda = (SerializedLambda) writeReplace.invoke(accessor);
            return lambda.getImplClass().replace('/', '.') + "::" + lambda.getImplMethodName();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("not a method reference: " + accessor, e);
        }
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
