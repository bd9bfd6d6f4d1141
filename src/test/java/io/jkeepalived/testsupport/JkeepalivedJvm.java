package io.jkeepalived.testsupport;

import java.nio.file.Path;
import java.util.List;

/** How a test starts the real jkeepalived daemon as a process: the test's JDK 25 and class path (target/classes + deps). */
public final class JkeepalivedJvm {
    private JkeepalivedJvm() {
    }

    /** {@code java ... io.jkeepalived.Main}; the daemon's options are appended by the caller. */
    public static List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", cp, "io.jkeepalived.Main");
    }
}
