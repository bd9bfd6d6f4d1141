package io.jkeepalived.check.runtime;

import io.jkeepalived.config.load.ConfigTest;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.Severity;
import io.jkeepalived.common.Log;
import io.jkeepalived.testsupport.Nginx;
import io.jkeepalived.testsupport.ServerNet;
import io.jkeepalived.testsupport.Sh;
import io.jkeepalived.testsupport.SmtpServer;
import io.jkeepalived.testsupport.TlsCert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checker daemon as {@code jkeepalived -C} wires it (CheckerDaemon.defaultOptions: protocol checkers
 * and the mailer from global_defs), on a keepalived.conf with HTTP_GET, SSL_GET and SMTP_CHECK real
 * servers: the log says what keepalived says, and smtp_alert mails reach a real SMTP server.
 */
@Tag("root")
class CheckerDaemonAlertsTest {
    private static ServerNet net;
    private static Nginx nginx;
    private static SmtpServer mailhub;
    private static SmtpServer smtpRs;

    @BeforeAll
    static void setUp() {
        assumeTrue(Sh.isRoot(), "needs root for network namespaces");
        assumeTrue(SmtpServer.available(), "needs Debian package " + SmtpServer.PACKAGE);
        net = ServerNet.create("jkp", "d");
        nginx = Nginx.start(net, "nginx", TlsCert.selfSigned(net.dir(), "srv", "www.example.test"));
        mailhub = SmtpServer.start(net, "mailhub");
        smtpRs = SmtpServer.start(net, "smtp-rs");
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void transitionsAreLoggedAndMailed() throws Exception {
        String web = nginx.address().getHostAddress();
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(nginx.webRoot().resolve("index.html"))));
        var conf = net.dir().resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    router_id LB_TEST
                    notification_email {
                        ops@example.test
                    }
                    notification_email_from lb@example.test
                    smtp_server %1$s %2$d
                    smtp_helo_name lb.example.test
                    smtp_connect_timeout 5
                }
                virtual_server 203.0.113.1 80 {
                    delay_loop 1
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server %3$s 80 {
                        weight 1
                        smtp_alert
                        HTTP_GET {
                            url {
                                path /index.html
                                digest %4$s
                            }
                            connect_timeout 2
                            retry 0
                        }
                    }
                    real_server %3$s 443 {
                        weight 1
                        SSL_GET {
                            url {
                                path /index.html
                                digest %4$s
                            }
                            connect_timeout 2
                            retry 0
                        }
                    }
                }
                virtual_server 203.0.113.1 25 {
                    delay_loop 1
                    protocol TCP
                    real_server %5$s 25 {
                        SMTP_CHECK {
                            connect_timeout 2
                            retry 0
                            helo_name check.example.test
                        }
                    }
                }
                """.formatted(mailhub.address().getAddress().getHostAddress(), mailhub.address().getPort(), web, md5,
                smtpRs.address().getAddress().getHostAddress()));
        var sink = new DiagnosticSink();
        var config = ConfigTest.load(conf, null, false, sink);
        assertFalse(sink.has(Severity.FATAL) || sink.has(Severity.ERROR), sink.findings().toString());
        var log = new CopyOnWriteArrayList<String>();
        Log logger = (level, message) -> log.add(message);
        var options = CheckerDaemon.defaultOptions(config, logger);
        int mailsBefore = mailhub.messages().size();
        try (var daemon = new CheckerDaemon(CheckerDaemon.setup(config, options.factory(), logger), options)) {
            daemon.start();
            awaitLog(log, "Remote Web server [" + web + "]:tcp:80 succeed on service.");
            awaitLog(log, "Remote Web server [" + web + "]:tcp:443 succeed on service.");
            awaitLog(log, "Remote SMTP server [" + smtpRs.address().getAddress().getHostAddress() + "]:tcp:25 succeed on service.");
            nginx.stop();
            try {
                awaitLog(log, "HTTP_CHECK on service [" + web + "]:tcp:80 failed.");
                awaitLog(log, "SSL_CHECK on service [" + web + "]:tcp:443 failed.");
                var mails = mailhub.awaitMessages(mailsBefore + 1, Duration.ofSeconds(20));
                String down = mails.stream().filter(m -> m.contains("- DOWN")).findFirst().orElseThrow(() -> new AssertionError(mails.toString()));
                assertTrue(down.contains("Subject: [LB_TEST] Realserver [" + web + "]:tcp:80 of virtual server [203.0.113.1]:tcp:80 - DOWN"), down);
                assertTrue(down.contains("=> CHECK failed on service : HTTP request failed <="), down);
                assertTrue(down.contains("From: lb@example.test"), down);
                assertTrue(down.contains("X-Mailer: Keepalived"), down);
                assertTrue(down.contains("X-RcptTo: ops@example.test"), down);
            } finally {
                nginx.restart();
            }
            awaitLog(log, "Remote Web server [" + web + "]:tcp:80 succeed on service.", 2);
            var mails = mailhub.awaitMessages(mailsBefore + 2, Duration.ofSeconds(20));
            assertTrue(mails.stream().anyMatch(m -> m.contains("Subject: [LB_TEST] Realserver [" + web + "]:tcp:80 of virtual server [203.0.113.1]:tcp:80 - UP")
                    && m.contains("=> CHECK succeed on service <=")), mails.toString());
            // only the server with smtp_alert mails: nothing about :443
            assertTrue(mails.stream().noneMatch(m -> m.contains("]:tcp:443 of virtual server")), mails.toString());
        }
    }

    private static void awaitLog(List<String> log, String line) {
        awaitLog(log, line, 1);
    }

    private static void awaitLog(List<String> log, String line, int times) {
        net.awaitTrue(Duration.ofSeconds(20), () -> log.stream().filter(line::equals).count() >= times,
                "log line " + line + " (x" + times + ")\nlog:\n" + String.join("\n", log));
    }
}
