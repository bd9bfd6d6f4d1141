/**
 * The checker ports over the Linux layer: TCP connects ({@code EpollTcpConnector}, with the checker's fwmark,
 * bind_if and bindto) and ICMP echo ({@code IcmpEchoProbe}).
 */
package io.jkeepalived.adapters.check;
