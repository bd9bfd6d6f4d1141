/**
 * The VRRP ports over the Linux layer: raw VRRP sockets (LinuxVrrpTransport), VIPs over rtnetlink
 * (LinuxAddressManager) and gratuitous ARP / unsolicited NA over AF_PACKET.
 */
package io.jkeepalived.adapters.vrrp;
