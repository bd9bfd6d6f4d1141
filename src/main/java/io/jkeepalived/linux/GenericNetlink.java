package io.jkeepalived.linux;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A generic-netlink request socket (NETLINK_GENERIC): resolves a family by name and carries requests built
 * elsewhere (e.g. by the IPVS codec) as complete netlink messages. The socket fills in each message's sequence
 * number; replies are returned as complete messages. Blocking, one caller at a time.
 */
public interface GenericNetlink extends AutoCloseable {

    /**
     * {@code CTRL_CMD_GETFAMILY}: the numeric id of family {@code name}. Throws with {@link Errno#ENOENT} when the
     * kernel has no such family (e.g. {@code IPVS} before {@code ip_vs} is loaded).
     */
    int familyId(String name) throws SyscallException;

    /**
     * Sends one request (flags must include NLM_F_ACK) and waits for the kernel's ack; returns the messages that
     * came before it (a GET's reply), empty for a plain change. The kernel's refusal is a {@link
     * SyscallException} named {@code what}, with the errno and any extended-ack text.
     */
    List<byte[]> request(byte[] message, String what) throws SyscallException;

    /**
     * Many changes (complete requests) with one send per few dozen of them instead of a send and an ack each
     * (10,000 IPVS servers at start are 10,000 round trips otherwise). The kernel applies them in order and goes
     * on after a refused one, as one request at a time would. Returns the refusals by index into {@code
     * changes}, each named by {@code what} of its index.
     */
    Map<Integer, SyscallException> changeAll(List<byte[]> changes, IntFunction<String> what);

    /** Sends a dump request (NLM_F_DUMP) and returns every message up to NLMSG_DONE. */
    List<byte[]> dump(byte[] message, String what) throws SyscallException;

    @Override
    void close();
}
