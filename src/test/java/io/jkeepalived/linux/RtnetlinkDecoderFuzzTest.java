package io.jkeepalived.linux;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;

/**
 * Fuzzes the rtnetlink decoder the link watcher and the address/route dumps use: any datagram decodes into
 * events (or none) without an exception - a throw there would blind the link watcher - and the error-message
 * readers and the route reader survive it too.
 */
class RtnetlinkDecoderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyDatagramDecodesWithoutThrowing(byte[] datagram) {
        var b = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        var events = new ArrayList<NetlinkEvent>();
        int count = RtnetlinkCodec.decodeEvents(b, datagram.length, events::add);
        assertTrue(count == events.size());
        events.forEach(e -> assertNotNull(e.toString()));
        for (int at = 0; ; ) {
            var m = RtnetlinkCodec.messageAt(b, at, datagram.length);
            if (m == null) {
                break;
            }
            RtnetlinkCodec.errorCode(b, m);
            RtnetlinkCodec.extendedAck(b, m);
            if (RtnetlinkCodec.hasRouteHeader(m)) {
                assertNotNull(RtnetlinkCodec.route(b, m));
            }
            at += RtnetlinkCodec.align(m.length());
        }
    }
}
