package io.jkeepalived.check.checkers;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;

/**
 * keepalived's reading of a datagram that came back to DNS_CHECK: only the 12-byte header counts. Too short,
 * another id or not a response: not our answer, wait for another; else the RCODE decides.
 */
sealed interface DnsReply {
    /** Not the answer to our query: keep waiting (until the check's timeout). */
    record NotOurs() implements DnsReply {
    }

    /** Our answer; NOERROR (0) passes. */
    record Answer(int rcode) implements DnsReply {
    }

    static DnsReply judge(byte[] datagram, int length, int queryId) {
        if (length < Header.LENGTH || datagram.length < Header.LENGTH) {
            return new NotOurs();
        }
        Header header;
        try {
            header = new Header(java.util.Arrays.copyOf(datagram, Header.LENGTH));
        } catch (java.io.IOException cannotHappen) {
            return new NotOurs();      // 12 bytes always make a header; keep waiting if not
        }
        if (header.getID() != queryId || !header.getFlag(Flags.QR)) {
            return new NotOurs();
        }
        return new Answer(header.getRcode());
    }
}
