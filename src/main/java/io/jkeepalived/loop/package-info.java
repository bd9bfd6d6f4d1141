/**
 * The single-threaded event loop: a poller for descriptors, a deadline queue for timers and an inbox for
 * work handed over from other threads. The only place besides the clock that waits.
 */
package io.jkeepalived.loop;
