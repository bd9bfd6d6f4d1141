package io.jkeepalived.check.engine;


import java.util.List;

/**
 * How one checker type words its log lines and mails, so operators' log greps keep working. A null
 * or empty answer logs nothing.
 */
public interface CheckerWords {

    /** The checker passed and was down (or had not run yet). */
    String success(String rs, String vs);

    /**
     * A failed attempt that will be retried, logged only with log_all_failures.
     *
     * @param retryIt the attempt number after this failure (1 = the scheduled check failed)
     */
    String attemptFailed(String rs, String vs, int retry, int retryIt, CheckResult result);

    /**
     * The last allowed attempt failed and the checker goes down.
     *
     * @param hasRun  the checker had run before (false for the very first check)
     * @param logAll  log_all_failures is on and the checker was up
     */
    List<String> failed(String rs, String vs, int retry, boolean hasRun, boolean logAll, CheckResult result);

    /** Alert body on success, e.g. {@code => TCP CHECK succeed on service <=}. */
    String alertSuccess();

    /** Alert body on failure. */
    String alertFailure();
}
