package io.jkeepalived.check.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes DNS_CHECK's reading of a datagram: nothing is thrown, and only a datagram of at least 12 bytes with
 * our id and the QR bit is our answer, its RCODE the low nibble of byte 3 (what keepalived reads).
 */
class DnsReplyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyDatagramIsOursExactlyWhenKeepalivedWouldSaySo(FuzzedDataProvider data) {
        int id = data.consumeInt(0, 0xffff);
        byte[] datagram = data.consumeRemainingAsBytes();
        DnsReply r = DnsReply.judge(datagram, datagram.length, id);
        boolean ours = datagram.length >= 12 && (((datagram[0] & 0xff) << 8) | (datagram[1] & 0xff)) == id
                && (datagram[2] & 0x80) != 0;
        assertEquals(ours, r instanceof DnsReply.Answer, () -> "datagram of " + datagram.length + " bytes");
        if (r instanceof DnsReply.Answer a) {
            assertEquals(datagram[3] & 0x0f, a.rcode());
            assertTrue(a.rcode() >= 0 && a.rcode() <= 15);
        }
    }
}
