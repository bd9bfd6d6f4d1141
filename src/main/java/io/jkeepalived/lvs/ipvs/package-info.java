/**
 * The kernel's IPVS over generic netlink as pure data: records for services, destinations, stats, timeouts
 * and the sync daemon, the requests jkeepalived sends and the replies it reads, and {@link
 * io.jkeepalived.lvs.ipvs.IpvsCodec} which makes and reads their bytes exactly as {@code ipvsadm} does
 * (golden bytes captured from ipvsadm in a qemu guest). No sockets here: {@code adapters.lvs.IpvsDataPlane}
 * sends the bytes through {@code linux.GenericNetlink}.
 */
package io.jkeepalived.lvs.ipvs;
