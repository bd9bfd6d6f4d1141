package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One health checker of a real server; every kind carries the resolved {@link CheckerCommonSpec}. */
public sealed interface CheckerSpec {
    CheckerCommonSpec common();

    SourcePos pos();

    /** keepalived's block keyword: TCP_CHECK, HTTP_GET, ... */
    String keyword();

    record TcpCheckSpec(CheckerCommonSpec common, SourcePos pos) implements CheckerSpec {
        public String keyword() {
            return "TCP_CHECK";
        }
    }

    /** HTTP_GET, or SSL_GET when {@code ssl}. */
    record HttpGetSpec(CheckerCommonSpec common, boolean ssl, List<UrlSpec> urls, Optional<String> virtualhost,
            String httpProtocol, boolean enableSni, Optional<String> sniName, boolean fastRecovery,
            boolean tlsCompliant, SourcePos pos) implements CheckerSpec {
        public HttpGetSpec {
            urls = List.copyOf(urls);
        }

        public String keyword() {
            return ssl ? "SSL_GET" : "HTTP_GET";
        }
    }

    record SmtpCheckSpec(CheckerCommonSpec common, String heloName, List<CheckerCommonSpec> hosts, SourcePos pos)
            implements CheckerSpec {
        public SmtpCheckSpec {
            hosts = List.copyOf(hosts);
        }

        public String keyword() {
            return "SMTP_CHECK";
        }
    }

    /** @param timeout misc_timeout, or delay_loop when unset */
    record MiscCheckSpec(CheckerCommonSpec common, ScriptSpec path, java.time.Duration timeout, boolean dynamic,
            SourcePos pos) implements CheckerSpec {
        public String keyword() {
            return "MISC_CHECK";
        }
    }

    record DnsCheckSpec(CheckerCommonSpec common, String type, String name, SourcePos pos) implements CheckerSpec {
        public String keyword() {
            return "DNS_CHECK";
        }
    }

    /**
     * @param payload       bytes to send; empty = keepalived sends a random payload
     * @param requireReply  reply must come (and match {@code replyPattern}, 'X' nibbles = any) when present
     */
    record UdpCheckSpec(CheckerCommonSpec common, Optional<byte[]> payload, boolean requireReply,
            Optional<String> replyPattern, int minReplyLength, int maxReplyLength, SourcePos pos) implements CheckerSpec {
        public String keyword() {
            return "UDP_CHECK";
        }
    }

    record PingCheckSpec(CheckerCommonSpec common, SourcePos pos) implements CheckerSpec {
        public String keyword() {
            return "PING_CHECK";
        }
    }

    record FileCheckSpec(CheckerCommonSpec common, String trackFile, OptionalInt weight, boolean reverse, SourcePos pos)
            implements CheckerSpec {
        public String keyword() {
            return "FILE_CHECK";
        }
    }

    record BfdCheckSpec(CheckerCommonSpec common, String bfdName, SourcePos pos) implements CheckerSpec {
        public String keyword() {
            return "BFD_CHECK";
        }
    }
}
