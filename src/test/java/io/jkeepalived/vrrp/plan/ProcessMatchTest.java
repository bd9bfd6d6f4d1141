package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.TrackProcessSpec;
import io.jkeepalived.linux.ProcessTable.ProcessInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keepalived's check_process: comm or argv[0], then exact / partial / initial parameters. */
class ProcessMatchTest {
    private static ProcessMatch match(String process, List<String> params, Optional<String> mode, boolean full) {
        return ProcessMatch.of(new TrackProcessSpec("t", process, params, mode, 0, false, 1, Integer.MAX_VALUE, Duration.ZERO,
                Duration.ZERO, full, SourcePos.NONE));
    }

    private static ProcessInfo proc(String comm, String... argv) {
        return new ProcessInfo(1, comm, List.of(argv));
    }

    @Test
    void byCommOrByCommandLine() {
        assertTrue(match("nginx", List.of(), Optional.empty(), false).matches(proc("nginx", "/usr/sbin/nginx", "-g", "x")));
        assertFalse(match("nginx", List.of(), Optional.empty(), false).matches(proc("nginx-worker")));
        assertTrue(match("/usr/sbin/nginx", List.of(), Optional.empty(), true).matches(proc("nginx", "/usr/sbin/nginx", "-g")));
        assertFalse(match("/usr/sbin/nginx", List.of(), Optional.empty(), true).matches(proc("nginx", "nginx")));
    }

    @Test
    void parameters() {
        var exact = match("/bin/sleep", List.of("1000"), Optional.empty(), false);
        assertTrue(exact.matches(proc("sleep", "/bin/sleep", "1000")));
        assertFalse(exact.matches(proc("sleep", "/bin/sleep", "1000", "2")));
        var partial = match("/bin/sleep", List.of("1000"), Optional.of("partial"), false);
        assertTrue(partial.matches(proc("sleep", "/bin/sleep", "1000", "2")));
        assertFalse(partial.matches(proc("sleep", "/bin/sleep", "10000")));
        var initial = match("/bin/sleep", List.of("100"), Optional.of("initial"), false);
        assertTrue(initial.matches(proc("sleep", "/bin/sleep", "1000")), "the last parameter may begin an argument");
        assertFalse(initial.matches(proc("sleep", "/bin/sleep", "200")));
    }
}
