package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.check.engine.CheckerWords;

import java.util.ArrayList;
import java.util.List;

/** keepalived 2.2.7's log lines and alert bodies for the protocol checkers (check_http.c, check_smtp.c, ...). */
final class ProtoWords {
    private ProtoWords() {
    }

    /** HTTP_GET / SSL_GET. The attempt detail is already keepalived's "... server [rs]" sentence. */
    record Http(boolean ssl) implements CheckerWords {
        @Override
        public String success(String rs, String vs) {
            return "Remote Web server " + rs + " succeed on service.";
        }

        @Override
        public String attemptFailed(String rs, String vs, int retry, int retryIt, CheckResult result) {
            return result.detail();
        }

        @Override
        public List<String> failed(String rs, String vs, int retry, boolean hasRun, boolean logAll, CheckResult result) {
            var lines = new ArrayList<String>(2);
            lines.add(result.detail());
            String kind = ssl ? "SSL" : "HTTP";
            lines.add(hasRun && retry > 0 ? kind + "_CHECK on service " + rs + " failed after " + retry + " retries."
                    : kind + "_CHECK on service " + rs + " failed.");
            return lines;
        }

        @Override
        public String alertSuccess() {
            return "=> CHECK succeed on service <=";
        }

        @Override
        public String alertFailure() {
            return "=> CHECK failed on service : HTTP request failed <=";
        }
    }

    /** SMTP_CHECK: every error is logged as "SMTP_CHECK &lt;what happened&gt;". */
    record Smtp() implements CheckerWords {
        @Override
        public String success(String rs, String vs) {
            return "Remote SMTP server " + rs + " succeed on service.";
        }

        @Override
        public String attemptFailed(String rs, String vs, int retry, int retryIt, CheckResult result) {
            return "SMTP_CHECK " + result.detail();
        }

        @Override
        public List<String> failed(String rs, String vs, int retry, boolean hasRun, boolean logAll, CheckResult result) {
            return List.of("SMTP_CHECK " + result.detail());
        }

        @Override
        public String alertSuccess() {
            return "=> CHECK succeed on service <=";
        }

        @Override
        public String alertFailure() {
            return "=> CHECK failed on service <=";
        }
    }

    /** DNS_CHECK: "DNS_CHECK ([rs]) reason[ after N retries]"; no line on success, as keepalived. */
    record Dns() implements CheckerWords {
        @Override
        public String success(String rs, String vs) {
            return null;
        }

        @Override
        public String attemptFailed(String rs, String vs, int retry, int retryIt, CheckResult result) {
            return result.detail();
        }

        @Override
        public List<String> failed(String rs, String vs, int retry, boolean hasRun, boolean logAll, CheckResult result) {
            return List.of(hasRun && retry > 0 ? result.detail() + " after " + retry + " retries" : result.detail());
        }

        @Override
        public String alertSuccess() {
            return "=> DNS_CHECK: succeed on service <=";
        }

        @Override
        public String alertFailure() {
            return "=> DNS_CHECK: failed on service <=";
        }
    }

    /** UDP_CHECK. */
    record Udp() implements CheckerWords {
        @Override
        public String success(String rs, String vs) {
            return "UDP connection to " + rs + " success.";
        }

        @Override
        public String attemptFailed(String rs, String vs, int retry, int retryIt, CheckResult result) {
            return result.detail().startsWith("UDP check to") ? "UDP check to " + rs + " reply data mismatch."
                    : "UDP connection to " + rs + " failed.";
        }

        @Override
        public List<String> failed(String rs, String vs, int retry, boolean hasRun, boolean logAll, CheckResult result) {
            var lines = new ArrayList<String>(2);
            if (logAll) {
                lines.add(attemptFailed(rs, vs, retry, retry, result));
            }
            lines.add(hasRun && retry > 0 ? "UDP_CHECK on service " + rs + " failed after " + retry + " retries."
                    : "UDP_CHECK on service " + rs + " failed.");
            return lines;
        }

        @Override
        public String alertSuccess() {
            return "=> UDP CHECK succeed on service <=";
        }

        @Override
        public String alertFailure() {
            return "=> UDP CHECK failed on service <=";
        }
    }

    /** PING_CHECK. */
    record Ping() implements CheckerWords {
        @Override
        public String success(String rs, String vs) {
            return "ICMP connection to " + rs + " success.";
        }

        @Override
        public String attemptFailed(String rs, String vs, int retry, int retryIt, CheckResult result) {
            return result.detail();
        }

        @Override
        public List<String> failed(String rs, String vs, int retry, boolean hasRun, boolean logAll, CheckResult result) {
            var lines = new ArrayList<String>(2);
            if (logAll) {
                lines.add(result.detail());
            }
            lines.add(hasRun && retry > 0 ? "ICMP CHECK on service " + rs + " of " + vs + " failed after " + retry + " retries."
                    : "ICMP CHECK on service " + rs + " failed.");
            return lines;
        }

        @Override
        public String alertSuccess() {
            return "=> ICMP CHECK succeed on service <=";
        }

        @Override
        public String alertFailure() {
            return "=> ICMP CHECK failed on service <=";
        }
    }
}
