/**
 * The ports checkers need from the world: non-blocking TCP connects (TcpConnector) and ICMP echo
 * (EchoProbe). Implementations live in adapters.check.
 */
package io.jkeepalived.check.port;
