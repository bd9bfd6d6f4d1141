package io.jkeepalived.check.engine;


import java.util.List;

/**
 * Words for checkers that bring none of their own (and FILE_CHECK, which keepalived does not log at info
 * level): {@code NAME on service [..] succeeded.} / {@code ... failed (detail).}
 *
 * @param name  the checker keyword, e.g. FILE_CHECK
 * @param quiet log nothing (keepalived's FILE_CHECK)
 */
public record GenericWords(String name, boolean quiet) implements CheckerWords {
    @Override
    public String success(String rs, String vs) {
        return quiet ? null : name + " on service " + rs + " succeeded.";
    }

    @Override
    public String attemptFailed(String rs, String vs, int retry, int retryIt, CheckResult result) {
        return quiet ? null : name + " on service " + rs + " failed (" + result.detail() + "), retry " + retryIt + "/" + retry + ".";
    }

    @Override
    public List<String> failed(String rs, String vs, int retry, boolean hasRun, boolean logAll, CheckResult result) {
        return quiet ? List.of() : List.of(name + " on service " + rs + " failed (" + result.detail() + ").");
    }

    @Override
    public String alertSuccess() {
        return "=> " + name.replace('_', ' ') + " succeed on service <=";
    }

    @Override
    public String alertFailure() {
        return "=> " + name.replace('_', ' ') + " failed on service <=";
    }
}
