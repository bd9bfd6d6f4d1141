package io.jkeepalived.check.engine;


import java.util.List;

/**
 * MISC_CHECK's words (keepalived check_misc.c). The result detail is {@code exited with status N},
 * {@code due to signal N} or {@code timed out}.
 *
 * @param program the script's first word, as keepalived prints it
 */
public record MiscWords(String program) implements CheckerWords {
    @Override
    public String success(String rs, String vs) {
        return "Misc check for [" + rs + " VS " + vs + "] by [" + program + "] succeeded.";
    }

    @Override
    public String attemptFailed(String rs, String vs, int retry, int retryIt, CheckResult result) {
        String when = retryIt == 1
                ? ", will do " + retry + (retry == 1 ? " retry" : " retries")
                : " on retry " + (retryIt - 1) + "/" + retry;
        return line(rs, vs, when, result);
    }

    @Override
    public List<String> failed(String rs, String vs, int retry, boolean hasRun, boolean logAll, CheckResult result) {
        String when = retry > 0 ? " after " + retry + (retry == 1 ? " retry" : " retries") : " with retry disabled";
        return List.of(line(rs, vs, when, result));
    }

    private String line(String rs, String vs, String when, CheckResult result) {
        String head = "Misc check for [" + rs + " VS " + vs + "] by [" + program + "] ";
        if (result.detail().equals("timed out")) {
            return head + "timed out" + when + ".";
        }
        return head + "failed" + when + " (" + result.detail() + ").";
    }

    @Override
    public String alertSuccess() {
        return "=> MISC CHECK succeeded on service <=";
    }

    @Override
    public String alertFailure() {
        return "=> MISC CHECK failed on service <=";
    }
}
