package io.jkeepalived.linux.checkio;

import io.jkeepalived.check.engine.CheckResult;
import io.jkeepalived.loop.Reactor;
import io.jkeepalived.check.port.TcpConnector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * TCP_CHECK connects as keepalived makes them, minus what it need not do: socket(SOCK_NONBLOCK), connect,
 * one epoll registration, getsockopt(SO_ERROR), close - five system calls per check, where java.nio needs
 * thirteen. Runs on the thread of the loop that owns the {@link EpollPoller}.
 */
public final class EpollTcpConnector implements TcpConnector {
    private static final CheckResult SUCCESS = CheckResult.success();
    private static final CheckResult TIMEOUT = CheckResult.failure("timeout");
    private static final CheckResult REFUSED = CheckResult.failure("connection refused");

    private final Reactor reactor;
    private final EpollPoller poller;
    private final Libc libc;

    public EpollTcpConnector(Reactor reactor, EpollPoller poller) {
        this.reactor = reactor;
        this.poller = poller;
        this.libc = poller.libc;
    }

    @Override
    public Target target(InetSocketAddress target, Optional<InetSocketAddress> bindTo) {
        var to = sockaddr(target);
        var from = bindTo.map(EpollTcpConnector::sockaddr).orElse(null);
        int family = target.getAddress() instanceof Inet6Address ? Libc.AF_INET6 : Libc.AF_INET;
        return (timeoutNanos, done) -> connect(family, to, from, timeoutNanos, done);
    }

    /** struct sockaddr_in / sockaddr_in6 bytes (host byte order for the family, as the kernel reads it), encoded once per target. */
    static byte[] sockaddr(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        boolean v6 = ip.length == 16;
        var s = MemorySegment.ofArray(new byte[v6 ? 28 : 16]);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) (v6 ? Libc.AF_INET6 : Libc.AF_INET));
        s.set(ValueLayout.JAVA_BYTE, 2, (byte) (address.getPort() >> 8));
        s.set(ValueLayout.JAVA_BYTE, 3, (byte) address.getPort());
        MemorySegment.copy(ip, 0, s, ValueLayout.JAVA_BYTE, v6 ? 8 : 4, ip.length);
        if (v6 && address.getAddress() instanceof Inet6Address a6) {
            s.set(ValueLayout.JAVA_INT_UNALIGNED, 24, a6.getScopeId());
        }
        return s.toArray(ValueLayout.JAVA_BYTE);
    }

    private void connect(int family, byte[] to, byte[] from, long timeoutNanos, Consumer<CheckResult> done) {
        int fd = libc.socket(family, Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC);
        if (fd < 0) {
            done.accept(CheckResult.failure("cannot create socket: " + Libc.strerror(libc.errno())));
            return;
        }
        if (from != null) {
            libc.setIntOption(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
            if (libc.bind(fd, from) < 0) {
                int errno = libc.errno();
                libc.close(fd);
                done.accept(CheckResult.failure("bind failed: " + Libc.strerror(errno)));
                return;
            }
        }
        if (libc.connect(fd, to) == 0) {
            libc.close(fd);
            done.accept(SUCCESS);
            return;
        }
        int errno = libc.errno();
        if (errno != Libc.EINPROGRESS) {
            libc.close(fd);
            done.accept(failure(errno));
            return;
        }
        var attempt = new Attempt(fd, done);
        int rc = poller.add(fd, Libc.EPOLLOUT, attempt);
        if (rc != 0) {
            libc.close(fd);
            done.accept(CheckResult.failure("epoll_ctl: " + Libc.strerror(rc)));
            return;
        }
        attempt.timer = reactor.scheduleAfter(timeoutNanos, attempt);
    }

    private static CheckResult failure(int errno) {
        return switch (errno) {
            case 111 -> REFUSED;
            case 110 -> TIMEOUT;
            case 113 -> CheckResult.failure("no route to host");
            case 101 -> CheckResult.failure("network unreachable");
            default -> CheckResult.failure(Libc.strerror(errno));
        };
    }

    /** One connect in flight, ended by readiness or its deadline. */
    private final class Attempt implements EpollPoller.FdHandler, Runnable {
        final int fd;
        final Consumer<CheckResult> done;
        Reactor.Timer timer;
        boolean finished;

        Attempt(int fd, Consumer<CheckResult> done) {
            this.fd = fd;
            this.done = done;
        }

        @Override
        public void ready(int readyFd, int events) {
            int error = libc.socketError(fd);
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
            libc.close(fd);
            done.accept(result);
        }
    }
}
