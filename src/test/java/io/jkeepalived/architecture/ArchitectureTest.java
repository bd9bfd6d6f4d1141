package io.jkeepalived.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md as an executable rule over the compiled production classes. Each rule
 * is also shown failing on a deliberate violation ({@code architecture.violations}, test code only).
 */
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jkeepalived");

    private static final JavaClasses VIOLATIONS = new ClassFileImporter()
            .importPackages("io.jkeepalived.architecture.violations");

    @Test
    void pureCodeNeverTouchesTheKernel() {
        LayerRules.PURE_CODE_NEVER_TOUCHES_THE_KERNEL.check(PRODUCTION);
    }

    @Test
    void linuxImportsNothingOfOursButCommon() {
        LayerRules.LINUX_IMPORTS_ONLY_COMMON.check(PRODUCTION);
    }

    @Test
    void onlyLinuxUsesTheForeignFunctionApi() {
        LayerRules.ONLY_LINUX_USES_FFM.check(PRODUCTION);
    }

    @Test
    void enginesReadNoClockAndStartNoThread() {
        LayerRules.ENGINES_READ_NO_CLOCK.check(PRODUCTION);
        LayerRules.ENGINES_START_NO_THREAD.check(PRODUCTION);
    }

    @Test
    void noPackageImportsOneListedAboveIt() {
        LayerRules.LAYERS.check(PRODUCTION);
    }

    @Test
    void noPackageCycles() {
        LayerRules.NO_CYCLES.check(PRODUCTION);
    }

    @Test
    void eachRuleFailsOnADeliberateViolation() {
        assertThrows(AssertionError.class, () -> LayerRules.PURE_CODE_NEVER_TOUCHES_THE_KERNEL.check(VIOLATIONS));
        assertThrows(AssertionError.class, () -> LayerRules.ENGINES_READ_NO_CLOCK.check(VIOLATIONS));
        assertThrows(AssertionError.class, () -> LayerRules.ENGINES_START_NO_THREAD.check(VIOLATIONS));
        assertThrows(AssertionError.class, () -> LayerRules.ONLY_LINUX_USES_FFM.check(VIOLATIONS));
        assertThrows(AssertionError.class, () -> LayerRules.LINUX_IMPORTS_ONLY_COMMON.check(VIOLATIONS));
        assertThrows(AssertionError.class, () -> LayerRules.LAYERS.check(VIOLATIONS));
        assertThrows(AssertionError.class, () -> LayerRules.NO_CYCLES.check(VIOLATIONS));
    }
}
