package io.jkeepalived.check.engine;


import java.util.ArrayList;
import java.util.List;

/** TCP_CHECK's words (keepalived check_tcp.c). */
public record TcpWords() implements CheckerWords {
    @Override
    public String success(String rs, String vs) {
        return "TCP connection to " + rs + " success.";
    }

    @Override
    public String attemptFailed(String rs, String vs, int retry, int retryIt, CheckResult result) {
        return connectionFailure(rs, result);
    }

    private static String connectionFailure(String rs, CheckResult result) {
        return "TCP connection to " + rs + (result.detail().contains("timeout") ? " timeout." : " failed.");
    }

    @Override
    public List<String> failed(String rs, String vs, int retry, boolean hasRun, boolean logAll, CheckResult result) {
        var lines = new ArrayList<String>(2);
        if (logAll) {
            lines.add(connectionFailure(rs, result));
        }
        lines.add(retry > 0 && hasRun
                ? "TCP_CHECK on service " + rs + " failed after " + retry + " retries."
                : "TCP_CHECK on service " + rs + " failed.");
        return lines;
    }

    @Override
    public String alertSuccess() {
        return "=> TCP CHECK succeed on service <=";
    }

    @Override
    public String alertFailure() {
        return "=> TCP CHECK failed on service <=";
    }
}
