package io.jkeepalived.lvs.ipvs;

/** The result of decoding one IPVS netlink message. */
public sealed interface IpvsDecoded {
    record Ok(IpvsReply reply) implements IpvsDecoded {
    }

    /**
     * A message that is not used.
     *
     * @param offset byte offset (from the start of the netlink message) of the field at fault
     */
    record Rejected(Reason reason, int offset, String detail) implements IpvsDecoded {
    }

    enum Reason {
        /** Shorter than its headers, or a length field pointing past the end. */
        TRUNCATED,
        /** A command the decoder does not read (not a service, destination, config, daemon or info reply). */
        UNKNOWN_COMMAND,
        /** A required attribute is missing (e.g. a service without its address family). */
        MISSING_ATTRIBUTE,
        /** An attribute of the wrong size or value (e.g. an address family other than 2 or 10). */
        BAD_ATTRIBUTE
    }
}
