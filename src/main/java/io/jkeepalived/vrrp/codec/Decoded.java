package io.jkeepalived.vrrp.codec;

/** The result of decoding or validating a VRRP packet. */
public sealed interface Decoded {
    /** A packet good enough to act on. */
    record Ok(VrrpPacket packet) implements Decoded {
    }

    /**
     * A packet that is not used.
     *
     * @param offset byte offset (from the start of the bytes given to the decoder) of the field at fault
     * @param detail keepalived's log text for it, without the "(instance) " prefix
     */
    record Rejected(RejectReason reason, int offset, String detail) implements Decoded {
    }
}
