package io.jkeepalived.check.checkers;

import io.jkeepalived.check.port.EchoProbe;
import io.jkeepalived.check.engine.CheckResult;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * PING_CHECK: one ICMP (or ICMPv6) echo per attempt; the server passes when the reply comes within
 * connect_timeout. The probe blocks, so it runs on the executor given (platform threads), and the
 * attempt's own deadline still bounds the answer.
 */
public final class PingChecker implements Checker {
    private final CheckIo io;
    private final CheckTarget target;
    private final EchoProbe probe;
    private final ExecutorService blocking;

    public PingChecker(CheckIo io, CheckTarget target, EchoProbe probe, ExecutorService blocking) {
        this.io = io;
        this.target = target;
        this.probe = probe;
        this.blocking = blocking;
    }

    @Override
    public String describe() {
        return "PING_CHECK of " + target.label();
    }

    @Override
    public void start(Duration timeout, Consumer<CheckResult> done) {
        io.start(timeout, done, attempt -> {
            attempt.timeoutResult(() -> CheckResult.failure("ICMP connection to address " + target.label() + " timeout."));
            try {
                blocking.execute(() -> attempt.finish(ping(timeout)));
            } catch (RejectedExecutionException e) {
                attempt.finish(CheckResult.failure("ICMP connection to " + target.label() + " failed: checker stopping."));
            }
        });
    }

    private CheckResult ping(Duration timeout) {
        try {
            // leave a little of the timeout for reporting so the probe's answer wins over the deadline
            Duration wait = timeout.compareTo(Duration.ofMillis(100)) > 0 ? timeout.minusMillis(50) : timeout;
            return probe.echo(target.connectTo().getAddress(), wait) ? CheckResult.success()
                    : CheckResult.failure("ICMP connection to address " + target.label() + " timeout.");
        } catch (IOException e) {
            return CheckResult.failure("ICMP connection to " + target.label() + " failed: " + HttpExchange.reason(e) + ".");
        }
    }
}
