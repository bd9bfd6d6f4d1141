package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One GET, waited for, with the body's MD5 always computed: what genhash needs. Uses the very code
 * path of HTTP_GET/SSL_GET so the digest genhash prints is the digest the checker compares.
 */
public final class HttpFetcher {
    /** Sees the raw header and each piece of body that goes into the digest. */
    public interface Dump extends HttpResponseReader.Listener {
    }

    /** What the fetch produced. */
    public sealed interface Result {
        /** @param headerSeen false when the connection ended before the header did */
        record Answered(boolean headerSeen, int statusCode, byte[] md5) implements Result {
        }

        /** @param phrase keepalived's words, e.g. "Connection failed"; @param reason what we saw */
        record Failed(String phrase, String reason) implements Result {
        }
    }

    private HttpFetcher() {
    }

    public static Result fetch(CheckIo io, CheckTarget target, HttpOptions options, HttpUrl url, Duration timeout, Dump dump) {
        var exchange = new HttpExchange(target, options, url, true, dump);
        var outcome = new CompletableFuture<HttpExchange.Outcome>();
        io.start(timeout, r -> outcome.complete(new HttpExchange.Outcome.Failure(r.detail(), r.detail())),
                attempt -> {
                    attempt.timeoutResult(() -> CheckResult.failure(exchange.timeoutPhrase()));
                    var o = exchange.run(attempt);
                    if (!attempt.isFinished()) {
                        outcome.complete(o);
                        attempt.finish(CheckResult.success());
                    }
                });
        try {
            return switch (outcome.get()) {
                case HttpExchange.Outcome.Failure(String phrase, String reason) -> new Result.Failed(phrase, reason);
                case HttpExchange.Outcome.Response(HttpResponseReader r, byte[] md5) ->
                        new Result.Answered(r.headerComplete(), r.statusCode(), md5);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed("Interrupted", "interrupted");
        } catch (ExecutionException e) {
            return new Result.Failed("Error connecting", String.valueOf(e.getCause()));
        }
    }
}
