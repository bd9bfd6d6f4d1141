package io.jkeepalived.adapters.check;

import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.check.port.TcpConnector;
import io.jkeepalived.linux.Errno;
import io.jkeepalived.linux.NonBlockingTcp;
import io.jkeepalived.linux.SyscallException;
import io.jkeepalived.linux.TcpConnectSpec;
import io.jkeepalived.loop.EpollLoopPoller;
import io.jkeepalived.loop.Reactor;

import java.util.function.Consumer;

/**
 * TCP_CHECK's connects as keepalived makes them: socket(SOCK_NONBLOCK) with the checker's {@code fwmark},
 * {@code bind_if} and {@code bindto}/{@code bind_port}, connect, one epoll registration, getsockopt(SO_ERROR),
 * close - where java.nio needs more than twice the system calls and cannot set SO_MARK or SO_BINDTODEVICE.
 * Runs on the thread of the loop that owns the {@link EpollLoopPoller}; a connect allocates nothing but its
 * {@code Attempt}.
 */
public final class EpollTcpConnector implements TcpConnector {
    private static final CheckResult SUCCESS = CheckResult.success();
    private static final CheckResult TIMEOUT = CheckResult.failure("timeout");
    private static final CheckResult REFUSED = CheckResult.failure("connection refused");

    private final Reactor reactor;
    private final EpollLoopPoller poller;
    private final NonBlockingTcp tcp = new NonBlockingTcp();

    public EpollTcpConnector(Reactor reactor, EpollLoopPoller poller) {
        this.reactor = reactor;
        this.poller = poller;
    }

    @Override
    public Target target(Endpoint endpoint) {
        var spec = new TcpConnectSpec(endpoint.connectTo(), endpoint.bindTo(), endpoint.fwmark().orElse(0), endpoint.bindIf());
        var target = NonBlockingTcp.target(spec);
        return (timeoutNanos, done) -> connect(target, timeoutNanos, done);
    }

    private void connect(NonBlockingTcp.Target target, long timeoutNanos, Consumer<CheckResult> done) {
        int fd;
        try {
            fd = tcp.open(target);
        } catch (SyscallException e) {
            done.accept(setupFailure(e));
            return;
        }
        int errno = tcp.connect(fd, target);
        if (errno == 0) {
            tcp.close(fd);
            done.accept(SUCCESS);
            return;
        }
        if (errno != Errno.EINPROGRESS) {
            tcp.close(fd);
            done.accept(failure(errno));
            return;
        }
        var attempt = new Attempt(fd, done);
        try {
            poller.watchWritable(fd, attempt);
        } catch (SyscallException e) {
            tcp.close(fd);
            done.accept(CheckResult.failure("epoll_ctl: " + Errno.text(e.errno())));
            return;
        }
        attempt.timer = reactor.scheduleAfter(timeoutNanos, attempt);
    }

    /** The socket could not be set up as configured; keepalived calls these connect errors too. */
    private static CheckResult setupFailure(SyscallException e) {
        return switch (e.call()) {
            case "socket" -> CheckResult.failure("cannot create socket: " + Errno.text(e.errno()));
            case "bind" -> CheckResult.failure("bind failed: " + Errno.text(e.errno()));
            default -> CheckResult.failure(e.getMessage());
        };
    }

    private static CheckResult failure(int errno) {
        return switch (errno) {
            case Errno.ECONNREFUSED -> REFUSED;
            case Errno.ETIMEDOUT -> TIMEOUT;
            case Errno.EHOSTUNREACH -> CheckResult.failure("no route to host");
            case Errno.ENETUNREACH -> CheckResult.failure("network unreachable");
            default -> CheckResult.failure(Errno.text(errno));
        };
    }

    /** One connect in flight, ended by readiness or its deadline. */
    private final class Attempt implements EpollLoopPoller.FdHandler, Runnable {
        final int fd;
        final Consumer<CheckResult> done;
        Reactor.Timer timer;
        boolean finished;

        Attempt(int fd, Consumer<CheckResult> done) {
            this.fd = fd;
            this.done = done;
        }

        @Override
        public void ready(int readyFd) {
            int error = tcp.socketError(fd);
            finish(error == 0 ? SUCCESS : failure(error));
        }

        @Override
        public void run() {
            finish(TIMEOUT);
        }

        void finish(CheckResult result) {
            if (finished) {
                return;
            }
            finished = true;
            if (timer != null) {
                timer.cancel();
            }
            poller.forget(fd);
            tcp.close(fd);
            done.accept(result);
        }
    }
}
