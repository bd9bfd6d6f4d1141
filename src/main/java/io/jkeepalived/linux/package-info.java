/**
 * The Linux layer: the only code in jkeepalived that touches {@code java.lang.foreign}.
 *
 * <h2>Three layers</h2>
 * <ol>
 *   <li><b>C-shaped Java interfaces</b>, public, with no FFM types: {@link io.jkeepalived.linux.RawVrrpSocket},
 *       {@link io.jkeepalived.linux.EventPoller}, {@link io.jkeepalived.linux.Rtnetlink},
 *       {@link io.jkeepalived.linux.GenericNetlink} (family lookup, request/ack, dump, batched changes: carries IPVS),
 *       {@link io.jkeepalived.linux.NetlinkMonitor}, {@link io.jkeepalived.linux.GarpSender},
 *       {@link io.jkeepalived.linux.NeighbourAdvertiser}, {@link io.jkeepalived.linux.IcmpEcho},
 *       {@link io.jkeepalived.linux.NonBlockingTcp} (a public class: its API has no FFM types), plus {@link io.jkeepalived.linux.Capabilities} and
 *       {@link io.jkeepalived.linux.NetworkNamespace}. {@link io.jkeepalived.linux.Linux} is the factory.</li>
 *   <li><b>Package-private FFM implementations</b> ({@code Ffm*}, {@code EpollPoller}, {@code NetlinkSocket})
 *       over {@code Libc}: one {@code static final MethodHandle} per libc function, each linked with
 *       {@code Linker.Option.captureCallState("errno")}, called through typed wrappers so
 *       {@code invokeExact} stays exact. A {@code MemorySegment} never leaves this package.</li>
 *   <li><b>Errors as exceptions</b>: {@link io.jkeepalived.linux.SyscallException} names the call, its
 *       arguments and {@code strerror(errno)} with the errno name, e.g.
 *       {@code setsockopt(fd=7, IPPROTO_IP, IP_ADD_MEMBERSHIP, 224.0.0.18 on eth0): No such device (ENODEV)};
 *       rtnetlink failures add the kernel's extended-ack text
 *       ({@code RTM_NEWADDR(192.0.2.10/24 dev 3): File exists (EEXIST): ipv4: Address already assigned}).</li>
 * </ol>
 *
 * <h2>Memory</h2>
 * Each socket owns a shared {@code Arena} (opened on one thread, used on another; closed with the socket) in
 * which its buffers, {@code msghdr}/{@code iovec}, control buffer, pre-built destination {@code sockaddr}s and
 * errno capture segment live. A loop thread that makes many short-lived calls (the checker's TCP connects)
 * reuses one {@code Scratch} of global-arena memory instead. The VRRP send/receive path and {@code EventPoller.await} and a warm {@code NonBlockingTcp} connect allocate nothing on the
 * Java heap once C2 has compiled them (measured: 0 bytes over 20 000 round trips).
 *
 * <h2>Namespaces</h2>
 * {@code setns(2)} switches only the calling thread, so {@link io.jkeepalived.linux.NetworkNamespace#call}
 * runs the work on a fresh platform thread that ends afterwards; a socket keeps the namespace it was created
 * in for its whole life and can then be used on any thread. Tests use this to open sockets inside the
 * namespaces they create; the daemon can use it for keepalived's {@code net_namespace}.
 *
 * <h2>Processes and files</h2>
 * {@link io.jkeepalived.linux.ProcessSpawner} starts every script with posix_spawn(3) in a new session, and
 * switches only the spawning thread's credentials (raw set*id system calls) when a script runs as another user;
 * {@link io.jkeepalived.linux.ChildProcess} watches a child through a pidfd, signals its whole process group and
 * reaps it. {@link io.jkeepalived.linux.SafeFiles} is how every file written as root is opened (no symlinks, no
 * file of another user, the configured umask, FIFOs checked to be FIFOs, pid files locked with F_OFD_SETLK).
 * The libc binding is one, split by subject: {@code Libc} (sockets, I/O), {@code LibcProcesses}, {@code LibcFiles}.
 *
 * <h2>Running</h2>
 * The JVM needs {@code --enable-native-access=ALL-UNNAMED} (restricted methods: downcall linking and
 * {@code MemorySegment.reinterpret}); without it JDK 25 prints a warning per module on first use.
 */
package io.jkeepalived.linux;
