package io.jkeepalived.lvs.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each bad message is rejected for the one reason it names; decode never throws. */
class IpvsCodecMalformedTest {
    private static IpvsDecoded.Rejected rejected(byte[] message) {
        return assertInstanceOf(IpvsDecoded.Rejected.class, IpvsCodec.decode(message));
    }

    /** A kernel-style service entry: the NEW_SERVICE request bytes with the reply's command. */
    private static byte[] serviceEntry() throws Exception {
        return IpvsCodec.encode(new IpvsRequest.NewService(IpvsService.of(IpvsService.TCP, InetAddress.getByName("192.0.2.10"), 80, "rr")), 0x20);
    }

    @Test
    void serviceEntryRoundTrips() throws Exception {
        var ok = assertInstanceOf(IpvsDecoded.Ok.class, IpvsCodec.decode(serviceEntry()));
        assertEquals(IpvsService.of(IpvsService.TCP, InetAddress.getByName("192.0.2.10"), 80, "rr"), ((IpvsReply.Service) ok.reply()).service());
    }

    @Test
    void persistentServiceWithNetmaskRoundTrips() throws Exception {
        var s = IpvsService.of(IpvsService.TCP, InetAddress.getByName("192.0.2.10"), 80, "rr")
                .withScheduler("rr", IpvsService.F_PERSISTENT, 300, 0xffffff00, "");
        var ok = assertInstanceOf(IpvsDecoded.Ok.class, IpvsCodec.decode(IpvsCodec.encode(new IpvsRequest.NewService(s), 0x20)));
        assertEquals(s, ((IpvsReply.Service) ok.reply()).service());
    }

    @Test
    void shorterThanTheHeaders() {
        assertEquals(IpvsDecoded.Reason.TRUNCATED, rejected(new byte[19]).reason());
    }

    @Test
    void lengthFieldPastTheEnd() throws Exception {
        byte[] m = serviceEntry();
        ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(0, m.length + 4);
        assertEquals(IpvsDecoded.Reason.TRUNCATED, rejected(m).reason());
    }

    @Test
    void attributeRunningPastItsContainer() throws Exception {
        byte[] m = serviceEntry();
        ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putShort(20, (short) 400);
        var r = rejected(m);
        assertEquals(IpvsDecoded.Reason.TRUNCATED, r.reason());
        assertEquals(20, r.offset());
    }

    @Test
    void unknownCommand() throws Exception {
        byte[] m = serviceEntry();
        m[16] = 99;
        assertEquals(IpvsDecoded.Reason.UNKNOWN_COMMAND, rejected(m).reason());
    }

    @Test
    void serviceWithoutItsAttribute() throws Exception {
        byte[] m = Arrays.copyOf(serviceEntry(), 20);
        ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(0, 20);
        assertEquals(IpvsDecoded.Reason.MISSING_ATTRIBUTE, rejected(m).reason());
    }

    @Test
    void unknownAddressFamily() throws Exception {
        byte[] m = serviceEntry();
        m[28] = 7; // the service's AF value (nest header at 20, AF header at 24)
        var r = rejected(m);
        assertEquals(IpvsDecoded.Reason.BAD_ATTRIBUTE, r.reason());
        assertEquals(28, r.offset());
    }

    @Test
    void everyTruncationIsRejectedNotThrown() throws Exception {
        byte[] m = serviceEntry();
        for (int n = 0; n < m.length; n++) {
            byte[] cut = Arrays.copyOf(m, n);
            if (n >= 4) {
                ByteBuffer.wrap(cut).order(ByteOrder.nativeOrder()).putInt(0, n);
            }
            IpvsCodec.decode(cut);
        }
    }
}
