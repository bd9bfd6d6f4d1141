package io.jkeepalived.check.checkers;

import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.loop.Reactor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * HTTP_GET and SSL_GET: every url is fetched on its own connection (in parallel, within the one
 * timeout of the attempt) and judged as keepalived judges it - status code, then MD5 digest of the
 * body, then regex. The attempt passes only when every url passes; a failure names the url.
 */
public final class HttpGetChecker implements Checker {
    private final CheckIo io;
    private final Reactor reactor;
    private final CheckTarget target;
    private final HttpOptions options;
    private final byte[] scratch;
    private final java.util.concurrent.Executor hop;
    private final List<byte[]> requests;

    /** Every url on a virtual thread of {@code io} (blocking I/O; TLS through SSLSocket). */
    public HttpGetChecker(CheckIo io, CheckTarget target, HttpOptions options) {
        this(io, null, target, options);
    }

    /**
     * Plain HTTP on the checker loop's {@code reactor} (non-blocking, no thread per check; {@link #start}
     * must then be called on the loop thread); SSL_GET still uses {@code io}.
     */
    public HttpGetChecker(CheckIo io, Reactor reactor, CheckTarget target, HttpOptions options) {
        this(io, reactor, new byte[ReactorHttpExchange.READ_CHUNK], target, options);
    }

    /** As above, with the loop's shared read buffer (only ever used on that loop's thread). */
    HttpGetChecker(CheckIo io, Reactor reactor, byte[] loopScratch, CheckTarget target, HttpOptions options) {
        this(io, reactor, null, loopScratch, target, options);
    }

    /**
     * As above, for a reactor that is not the caller's loop: {@code hop} runs a task on the reactor's
     * thread (the attempt starts there; the result comes back from there).
     */
    HttpGetChecker(CheckIo io, Reactor reactor, java.util.concurrent.Executor hop, byte[] loopScratch, CheckTarget target,
                   HttpOptions options) {
        this.io = io;
        this.hop = hop;
        this.reactor = options.isSsl() ? null : reactor;
        this.scratch = loopScratch;
        this.target = target;
        this.options = options;
        this.requests = options.urls().stream()
                .map(u -> new HttpExchange(target, options, u, false, null).requestText().getBytes(StandardCharsets.ISO_8859_1))
                .toList();
    }

    @Override
    public String describe() {
        return (options.isSsl() ? "SSL_GET" : "HTTP_GET") + " of " + target.label();
    }

    public CheckTarget target() {
        return target;
    }

    public HttpOptions options() {
        return options;
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        List<HttpUrl> urls = options.urls();
        if (urls.isEmpty()) {
            // keepalived: "if there are no URLs in list, enable server w/o checking"
            done.accept(CheckResult.success());
            return;
        }
        var results = new CheckResult[urls.size()];
        if (reactor != null) {
            if (hop == null) {
                startOnReactor(timeout, done, results);
            } else {
                hop.execute(() -> startOnReactor(timeout, done, results));
            }
            return;
        }
        var exchanges = urls.stream().map(u -> new HttpExchange(target, options, u, false, null)).toList();
        io.start(timeout, done, attempt -> {
            attempt.timeoutResult(() -> timeoutResult(exchanges, results));
            if (exchanges.size() == 1) {
                attempt.finish(judge(0, exchanges.getFirst().run(attempt)));
                return;
            }
            var finished = new CountDownLatch(exchanges.size());
            for (int i = 1; i < exchanges.size(); i++) {
                int index = i;
                io.execute(() -> {
                    results[index] = judge(index, exchanges.get(index).run(attempt));
                    finished.countDown();
                });
            }
            results[0] = judge(0, exchanges.getFirst().run(attempt));
            finished.countDown();
            try {
                finished.await(attempt.remainingMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            attempt.finish(firstFailure(results));
        });
    }

    /** Runs on the loop thread only, so the results array needs no locking. */
    private void startOnReactor(Duration timeout, Consumer<CheckResult> done, CheckResult[] results) {
        int[] left = {results.length};
        for (int i = 0; i < results.length; i++) {
            int index = i;
            new ReactorHttpExchange(reactor, target, requests.get(i), scratch, options.urls().get(i), outcome -> {
                results[index] = judge(index, outcome);
                if (--left[0] == 0) {
                    done.accept(firstFailure(results));
                }
            }).start(timeout.toNanos());
        }
    }

    private CheckResult timeoutResult(List<HttpExchange> exchanges, CheckResult[] results) {
        for (int i = 0; i < results.length; i++) {
            var r = results[i];
            if (r == null) {
                return fail(exchanges.get(i).timeoutPhrase(), i, "no answer within connect_timeout");
            }
            if (!r.ok()) {
                return r;
            }
        }
        return firstFailure(results);
    }

    private static CheckResult firstFailure(CheckResult[] results) {
        return Arrays.stream(results).filter(r -> r == null || !r.ok()).findFirst()
                .map(r -> r == null ? CheckResult.failure("timeout") : r)
                .orElse(CheckResult.success());
    }

    private CheckResult judge(int index, HttpExchange.Outcome outcome) {
        HttpUrl url = options.urls().get(index);
        return switch (outcome) {
            case HttpExchange.Outcome.Failure(String message, String reason) -> fail(message, index, reason);
            case HttpExchange.Outcome.Response(HttpResponseReader r, byte[] digest) -> {
                if (!r.headerComplete()) {
                    yield fail("Read, no data received from", index,
                            r.headerOverflow() ? "HTTP header longer than " + HttpResponseReader.MAX_HEADER + " bytes"
                                    : "connection closed before the end of the HTTP header");
                }
                if (!url.statusCodes().accepts(r.statusCode())) {
                    yield fail("HTTP status code error to", index, "status_code [" + r.statusCode() + "]");
                }
                if (url.digest().isPresent() && !Arrays.equals(digest, url.digestBytes())) {
                    yield fail("MD5 digest error to", index, "digest [" + HexFormat.of().formatHex(digest)
                            + "], expected [" + url.digest().get() + "]");
                }
                if (url.regex().isPresent() && r.regexMatched() == url.regexNoMatch()) {
                    yield fail("Regex match failed", index, (url.regexNoMatch() ? "body matches " : "body does not match ")
                            + "'" + url.regex().get().pattern() + "'" + window(url)
                            + (r.regexStackExhausted() ? " (the match ran out of stack on part of the body)" : ""));
                }
                yield CheckResult.success();
            }
        };
    }

    private static String window(HttpUrl url) {
        if (url.regexMinOffset() == 0 && url.regexMaxOffset() < 0) {
            return "";
        }
        return " starting at body offset " + url.regexMinOffset()
                + (url.regexMaxOffset() < 0 ? " or later" : " to " + url.regexMaxOffset());
    }

    /** keepalived's "<message> server <rs>." with the url and what we saw added. */
    private CheckResult fail(String message, int index, String reason) {
        return CheckResult.failure(message.strip() + " server " + target.label() + " url(" + (index + 1) + ") "
                + options.urls().get(index).path() + ": " + reason + ".");
    }
}
