package io.jkeepalived.check.checkers;

import io.jkeepalived.testsupport.KeepalivedChecker;
import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * regex_min_offset / regex_max_offset: one keepalived.conf, read by our config code and by keepalived 2.2.7,
 * checks real servers in a namespace; each answers "0123456789ABCDEFGHIJ" x 10 ("ABC" at body offsets 10, 30,
 * ... 190), the header 0.2 s before the body so that keepalived reads them apart and counts its offsets from
 * the body (as we always do). Both must give the expected verdict on every server.
 */
@Tag("root")
class HttpRegexOffsetsRootTest {
    /** regex, min, max (-1: not written), expected verdict. */
    private record Case(String regex, int min, int max, boolean up) {
    }

    private static final List<Case> CASES = List.of(
            new Case("ABC", 10, -1, true),
            new Case("ABC", 191, -1, false),
            new Case("ABC", -1, 9, false),
            new Case("ABC", -1, 10, true),
            new Case("ABC", 110, 110, true),
            new Case("ABC", 111, 129, false),
            new Case("ABCDEFGHIJ0123", 0, 10, true),
            new Case("(?<=9)ABC", 30, 30, true),
            new Case("^ABC", 10, -1, false));

    private static ServerNet net;
    private static Path config;
    private static final Map<String, Case> byServer = new LinkedHashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        net = ServerNet.create("jkx", "rx");
        var conf = new StringBuilder("global_defs {\n  router_id jkx\n}\n");
        int vs = 1;
        for (var c : CASES) {
            var server = TestServers.tcp(net, TestServers.Mode.PACED, 80, null);
            String rs = server.getAddress().getHostAddress();
            byServer.put(rs + ":80", c);
            conf.append("virtual_server 203.0.113.").append(vs++).append(" 80 {\n  delay_loop 5\n  lb_kind NAT\n  protocol TCP\n")
                    .append("  real_server ").append(rs).append(" 80 {\n    HTTP_GET {\n      url {\n        path /\n")
                    .append("        regex \"").append(c.regex()).append("\"\n")
                    .append(c.min() >= 0 ? "        regex_min_offset " + c.min() + "\n" : "")
                    .append(c.max() >= 0 ? "        regex_max_offset " + c.max() + "\n" : "")
                    .append("      }\n      connect_timeout 3\n      retry 0\n    }\n  }\n}\n");
        }
        config = net.dir().resolve("keepalived.conf");
        Files.writeString(config, conf);
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void oursGiveTheExpectedVerdictOnEveryServer() {
        var wrong = new ArrayList<String>();
        try (var loaded = SamplesTest.load(config)) {
            assertEquals(List.of(), loaded.warnings());
            byServer.forEach((server, c) -> {
                var r = loaded.check(server.substring(0, server.indexOf(':')), 80);
                if (r.ok() != c.up()) {
                    wrong.add(c + " on " + server + ": " + r.detail());
                }
            });
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void keepalivedGivesTheSameVerdicts() {
        assumeTrue(KeepalivedChecker.available(), "needs keepalived, gcc and /work/shared/tools/ipvsshim.c");
        try (var keepalived = KeepalivedChecker.start(net, "keepalived", config)) {
            var verdicts = keepalived.httpVerdicts(List.copyOf(byServer.keySet()), Duration.ofSeconds(30));
            var expected = new LinkedHashMap<String, Boolean>();
            byServer.forEach((server, c) -> expected.put(server, c.up()));
            assertEquals(expected, verdicts, keepalived.log());
        }
    }
}
