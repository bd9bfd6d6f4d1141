package io.jkeepalived.linux;

import java.util.List;

/**
 * An nfnetlink socket (NETLINK_NETFILTER) for nf_tables: carries a batch of messages built elsewhere (the
 * nftables batch codec) to the kernel as one transaction. The socket fills in each message's
 * sequence number and asks for an ack of the last one, so it knows when the kernel has answered the whole
 * batch. Blocking, one caller at a time.
 */
public interface NetfilterNetlink extends AutoCloseable {

    /**
     * Sends {@code messages} (BATCH_BEGIN ... BATCH_END) in one datagram and waits for the kernel's answer.
     *
     * @return the kernel's refusals, by the index of the message refused; empty when the batch committed
     */
    List<BatchError> batch(List<byte[]> messages, String what) throws SyscallException;

    @Override
    void close();

    /**
     * The kernel refused message {@code index} of a batch.
     *
     * @param text strerror and errno name, with the extended-ack text when the kernel gave one
     */
    record BatchError(int index, int errno, String text) {
    }
}
