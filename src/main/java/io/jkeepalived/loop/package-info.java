/**
 * The single-threaded event loop: a poller for descriptors (Linux's epoll set through
 * {@code EpollLoopPoller}, or a java.nio Selector through {@code NioPoller} for HTTP_GET's channels), a deadline queue for timers and an inbox for
 * work handed over from other threads. The only place besides the clock that waits.
 */
package io.jkeepalived.loop;
