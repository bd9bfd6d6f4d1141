package io.jkeepalived.testsupport;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * How the qemu guest starts jkeepalived quickly: a JVM under TCG spends most of its start loading and linking
 * classes, so the host packs target/classes into a jar and trains the JDK's AOT cache (JEP 483/515) with the
 * very command line the guest will use (same paths: the guest sees the host's root). Prepared once per test
 * run, before the guest boots.
 *
 * @param classPath the jar of target/classes, then the dependency jars
 * @param aotCache  empty when training failed (the guest then starts without it)
 */
public record GuestJvm(String classPath, java.util.Optional<Path> aotCache) {
    private static final List<String> OPTIONS = List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:-UsePerfData", "-Xms8m", "-Xmx256m");

    /** Builds the jar and trains the cache with {@code jkeepalived -t -f training}. */
    public static GuestJvm prepare(Path training) throws IOException, InterruptedException {
        Path dir = QemuGuest.repository().resolve("target/qemu-guest");
        Files.createDirectories(dir);
        Path jar = dir.resolve("jkeepalived.jar");
        Files.deleteIfExists(jar);
        var err = new StringWriter();
        int rc = ToolProvider.findFirst("jar").orElseThrow().run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "--create", "--file", jar.toString(), "-C", QemuGuest.repository().resolve("target/classes").toString(), ".");
        if (rc != 0) {
            throw new IOException("jar failed: " + err);
        }
        var entries = new ArrayList<String>(List.of(jar.toString()));
        for (String e : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(":")) {
            if (e.endsWith(".jar") && !e.contains("surefire")) {
                entries.add(e);
            }
        }
        String cp = String.join(":", entries);
        Path aot = dir.resolve("jkeepalived.aot");
        Files.deleteIfExists(aot);
        var train = new ArrayList<String>(List.of(java()));
        train.addAll(OPTIONS);
        train.addAll(List.of("-XX:AOTCacheOutput=" + aot, "-Xlog:aot*=off", "-Xlog:cds*=off", "-cp", cp, "io.jkeepalived.Main",
                "-t", "-f", training.toString()));
        Sh.run(train, 120);
        return new GuestJvm(cp, Files.isRegularFile(aot) ? java.util.Optional.of(aot) : java.util.Optional.empty());
    }

    /** The java command line for jkeepalived with {@code args}. */
    public List<String> jkeepalived(String... args) {
        var cmd = new ArrayList<String>(List.of(java()));
        cmd.addAll(OPTIONS);
        aotCache.ifPresent(a -> cmd.addAll(List.of("-XX:AOTCache=" + a, "-Xlog:aot*=off", "-Xlog:cds*=off")));
        cmd.addAll(List.of("-cp", classPath, "io.jkeepalived.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** As a single environment value for the guest (split on NUL-free "\u001f"). */
    public String encode() {
        return classPath + "\u001f" + aotCache.map(Path::toString).orElse("");
    }

    public static GuestJvm decode(String text) {
        String[] p = text.split("\u001f", -1);
        return new GuestJvm(p[0], p.length > 1 && !p[1].isEmpty() ? java.util.Optional.of(Path.of(p[1])) : java.util.Optional.empty());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
