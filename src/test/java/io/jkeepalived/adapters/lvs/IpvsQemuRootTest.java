package io.jkeepalived.adapters.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testsupport.QemuGuest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * IPVS for real: boots Debian's kernel once in qemu (bin/qemu-guest) and runs {@link IpvsGuestMain} in it; each
 * guest check becomes one test here. Skips when not root or qemu is missing.
 */
@Tag("root")
@Tag("qemu")
class IpvsQemuRootTest {
    private static QemuGuest.Run run;

    @BeforeAll
    static void boot() throws Exception {
        String why = QemuGuest.unavailable();
        assumeTrue(why == null, () -> "no qemu guest: " + why);
        long t0 = System.nanoTime();
        var jvm = io.jkeepalived.testsupport.GuestJvm.prepare(QemuGuest.repository()
                .resolve("src/test/resources/io/jkeepalived/adapters/lvs/differential/methods.conf"));
        System.out.printf("IpvsQemuRootTest: jar and AOT cache for the guest in %.1f s (cache: %s)%n",
                (System.nanoTime() - t0) / 1e9, jvm.aotCache().map(Object::toString).orElse("none"));
        run = QemuGuest.run(Duration.ofMinutes(75), QemuGuest.java(IpvsGuestMain.class.getName(), jvm.encode(), System.getProperty("ipvs.guest.only", "")));
        System.out.printf("IpvsQemuRootTest: guest booted in %.1f s, whole run %d s, exit %d, job dir %s%n",
                run.bootSeconds(), run.wall().toSeconds(), run.exit(), run.out());
    }

    @TestFactory
    Stream<DynamicTest> guestChecks() {
        List<String> lines = run.file("results.txt").lines().toList();
        if (lines.isEmpty()) {
            fail("the guest ran no check (exit " + run.exit() + "):\n" + run.output() + "\n" + run.file("host.log"));
        }
        return lines.stream().map(line -> DynamicTest.dynamicTest(line.split(" ")[1], () -> {
            if (!line.startsWith("PASS ")) {
                String name = line.split(" ")[1];
                fail(line + "\n" + run.file(name + ".fail"));
            }
        }));
    }

    /** The job directory (logs, configs, console) is kept only when something failed. */
    @AfterAll
    static void cleanUp() throws java.io.IOException {
        if (run == null) {
            return;
        }
        List<String> lines = run.file("results.txt").lines().toList();
        if (run.exit() == 0 && !lines.isEmpty() && lines.stream().allMatch(l -> l.startsWith("PASS "))) {
            try (var walk = java.nio.file.Files.walk(run.out())) {
                for (var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
        } else {
            System.out.println("IpvsQemuRootTest: logs kept in " + run.out());
        }
    }

    @TestFactory
    Stream<DynamicTest> guestExitedCleanly() {
        return Stream.of(DynamicTest.dynamicTest("exit", () -> assertEquals(0, run.exit(), run.output())));
    }
}
