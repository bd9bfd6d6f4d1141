package io.jkeepalived.check.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes UDP_CHECK's require_reply: any hex text either parses or is refused with keepalived's message, and
 * any reply matches exactly when keepalived's check_udp_reply would say so (length within min..max, then the
 * bytes both have equal outside the 'X' nibbles).
 */
class UdpReplyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"X", "x", "0", "f", "F", " "})
    void anyRuleAndReplyMatchAsKeepalivedWould(FuzzedDataProvider data) {
        String hex = data.consumeString(64);
        int min = data.consumeInt(0, 300);
        int max = data.consumeInt(0, 300);
        byte[] reply = data.consumeRemainingAsBytes();
        UdpChecker.ReplyRule rule;
        try {
            rule = UdpChecker.ReplyRule.require(hex, min, max);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("Invalid hex string for UDP_CHECK require_reply"), e.getMessage());
            return;
        }
        boolean expected = reply.length >= min && reply.length <= max;
        byte[] want = rule.data().orElseThrow();
        byte[] mask = rule.mask().orElseThrow();
        for (int i = 0; expected && i < Math.min(reply.length, want.length); i++) {
            expected = ((reply[i] ^ want[i]) & ~mask[i] & 0xff) == 0;
        }
        assertEquals(expected, rule.matches(reply, reply.length));
    }
}
