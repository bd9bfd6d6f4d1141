package io.jkeepalived.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * ARCHITECTURE.md's rules. Package patterns start with {@code ..} so that the same rules also judge the
 * deliberate violations kept under {@code architecture.violations}.
 */
final class LayerRules {
    private LayerRules() {
    }

    /** Code that must stay pure: the config, the codecs, the engines and the LVS engine. */
    static final String[] PURE = {"..config..", "..codec..", "..engine..", "io.jkeepalived.lvs.."};
    static final String[] ENGINES = {"..vrrp.engine..", "..check.engine..", "io.jkeepalived.lvs.."};

    /** Top to bottom: a layer may use the layers below it, never one above. */
    record Layer(String name, String... packages) {
    }

    static final List<Layer> ORDER = List.of(
            new Layer("daemon", "..daemon.."),
            new Layer("tools", "..tools.."),
            new Layer("cli", "..cli.."),
            new Layer("api", "..api.."),
            new Layer("runtime", "..vrrp.runtime..", "..check.runtime.."),
            new Layer("adapters", "..adapters.."),
            new Layer("notify", "..notify.."),
            new Layer("checkers", "..check.checkers.."),
            new Layer("ports", "..vrrp.port..", "..check.port.."),
            new Layer("plan", "..vrrp.plan..", "..check.plan.."),
            new Layer("lifecycle", "..lifecycle.."),
            new Layer("loop", "..loop.."),
            new Layer("engines", "..vrrp.engine..", "..check.engine.."),
            new Layer("lvs", "io.jkeepalived.lvs.."),
            new Layer("codecs", "..vrrp.codec.."),
            new Layer("config", "..config.."),
            new Layer("linux", "..linux.."),
            new Layer("common", "..common.."));

    // "..lvs.." also matches adapters.lvs (the IPVS adapter), which is an adapter, not pure code.
    static final ArchRule PURE_CODE_NEVER_TOUCHES_THE_KERNEL = noClasses().that().resideInAnyPackage(PURE)
            .and().resideOutsideOfPackage("..adapters..")
            .should().dependOnClassesThat().resideInAnyPackage("..linux..", "..adapters..", "java.lang.foreign..")
            .because("config, codecs, engines and lvs are pure: the kernel is reached only through ports");

    static final ArchRule ONLY_LINUX_USES_FFM = noClasses().that().resideOutsideOfPackage("..linux..")
            .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
            .because("MemorySegment never leaves the linux package");

    static final ArchRule LINUX_IMPORTS_ONLY_COMMON = noClasses().that().resideInAPackage("..linux..")
            .should().dependOnClassesThat(ours().and(notIn("..linux..", "..common..")))
            .because("linux is the bottom layer: it imports nothing of ours but common");

    static final ArchRule ENGINES_READ_NO_CLOCK = noClasses().that().resideInAnyPackage(ENGINES)
            .and().resideOutsideOfPackage("..adapters..")
            .should().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .because("engines take 'now' as an argument, which is what makes them testable on a simulated clock");

    static final ArchRule ENGINES_START_NO_THREAD = noClasses().that().resideInAnyPackage(ENGINES)
            .and().resideOutsideOfPackage("..adapters..")
            .should().callMethod(Thread.class, "start")
            .orShould().callMethod(Thread.class, "ofPlatform")
            .orShould().callMethod(Thread.class, "ofVirtual")
            .orShould().callMethod(Thread.class, "startVirtualThread", Runnable.class)
            .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
            .orShould().dependOnClassesThat().belongToAnyOf(Executors.class)
            .because("engines run on their subsystem's one event loop");

    static final ArchRule LAYERS = layers();

    static final ArchRule NO_CYCLES = slices().matching("io.jkeepalived.(**)").should().beFreeOfCycles();

    private static ArchRule layers() {
        Architectures.LayeredArchitecture arch = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (Layer layer : ORDER) {
            // a package in adapters belongs to the adapters layer even when its name ends in lvs
            var inLayer = JavaClass.Predicates.resideInAnyPackage(layer.packages());
            arch = arch.layer(layer.name()).definedBy(layer.name().equals("adapters") ? inLayer
                    : inLayer.and(notIn("..adapters..")));
        }
        for (int i = 0; i < ORDER.size(); i++) {
            String[] above = ORDER.subList(0, i).stream().map(Layer::name).toArray(String[]::new);
            arch = i == 0 ? arch.whereLayer(ORDER.get(i).name()).mayNotBeAccessedByAnyLayer()
                    : arch.whereLayer(ORDER.get(i).name()).mayOnlyBeAccessedByLayers(above);
        }
        return arch;
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> ours() {
        return JavaClass.Predicates.resideInAPackage("io.jkeepalived..");
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> notIn(String... packages) {
        return com.tngtech.archunit.base.DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(packages));
    }
}
