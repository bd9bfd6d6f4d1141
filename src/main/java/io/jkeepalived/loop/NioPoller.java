package io.jkeepalived.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * A poller on a java.nio Selector. It stays beside {@link EpollLoopPoller} for one reason: HTTP_GET's
 * non-blocking exchanges ({@code check.checkers.ReactorHttpExchange}) are java.nio SocketChannels, which only
 * a Selector can watch - a raw epoll set cannot take a channel, and a channel cannot be made from our own
 * descriptor. The checker's own loop polls with epoll (TCP_CHECK); HTTP_GET runs on a Selector loop.
 */
public final class NioPoller implements Poller {
    private final Selector selector;

    public NioPoller() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector: " + e.getMessage(), e);
        }
    }

    public SelectionKey register(SelectableChannel channel, int ops, Reactor.IoHandler handler) throws IOException {
        return channel.register(selector, ops, handler);
    }

    @Override
    public void poll(long timeoutNanos) throws IOException {
        if (timeoutNanos == 0) {
            selector.selectNow(NioPoller::dispatch);
        } else if (timeoutNanos < 0) {
            selector.select(NioPoller::dispatch);
        } else {
            // round up so we never wake just before the deadline and spin
            selector.select(NioPoller::dispatch, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        }
    }

    private static void dispatch(SelectionKey key) {
        if (key.isValid() && key.attachment() instanceof Reactor.IoHandler handler) {
            handler.ready(key);
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            for (var key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with a selector that fails to close
        }
    }
}
