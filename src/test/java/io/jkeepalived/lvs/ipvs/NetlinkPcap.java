package io.jkeepalived.lvs.ipvs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a pcap taken on an {@code nlmon} interface (LINKTYPE_NETLINK: a 16-byte cooked header, then one netlink
 * message) and keeps the generic-netlink messages other than the controller's: what ipvsadm sent to the IPVS
 * family and what the kernel answered.
 */
record NetlinkPcap(List<byte[]> requests, List<byte[]> replies) {
    private static final int NETLINK_GENERIC = 16;
    private static final int GENL_ID_CTRL = 0x10;

    static NetlinkPcap read(String resource) {
        try (InputStream in = NetlinkPcap.class.getResourceAsStream("golden/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden pcap " + resource);
            }
            var b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            var requests = new ArrayList<byte[]>();
            var replies = new ArrayList<byte[]>();
            b.position(24);
            while (b.remaining() >= 16) {
                b.getInt();
                b.getInt();
                int captured = b.getInt();
                b.getInt();
                byte[] packet = new byte[captured];
                b.get(packet);
                int protocol = ((packet[14] & 0xff) << 8) | (packet[15] & 0xff);
                if (protocol != NETLINK_GENERIC) {
                    continue;
                }
                // A dump datagram carries several messages back to back, each 4-byte aligned.
                var p = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
                for (int at = 16; at + 20 <= packet.length; ) {
                    int length = p.getInt(at);
                    if (length < 16 || at + length > packet.length) {
                        break;
                    }
                    byte[] message = Arrays.copyOfRange(packet, at, at + length);
                    int type = p.getShort(at + 4) & 0xffff;
                    int flags = p.getShort(at + 6) & 0xffff;
                    at += (length + 3) & ~3;
                    if (type == GENL_ID_CTRL || type == 2 || type == 3) {
                        continue; // controller, NLMSG_ERROR (acks), NLMSG_DONE
                    }
                    ((flags & 1) != 0 ? requests : replies).add(message);
                }
            }
            return new NetlinkPcap(requests, replies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The family id ipvsadm used (the type of its requests). */
    int familyId() {
        return ByteBuffer.wrap(requests.getLast()).order(ByteOrder.LITTLE_ENDIAN).getShort(4) & 0xffff;
    }

    /** The last request ipvsadm sent (the first ones are GET_INFO), with seq and pid zeroed as the codec leaves them. */
    byte[] lastRequest() {
        return withoutSeqAndPid(requests.getLast());
    }

    /** The requests after ipvsadm's opening GET_INFO. */
    List<byte[]> commands() {
        return requests.stream().filter(m -> m[16] != 15).toList();
    }

    /** The kernel's answers other than the SET_INFO reply to GET_INFO. */
    List<byte[]> answers() {
        return replies.stream().filter(m -> m[16] != 14).toList();
    }

    static byte[] withoutSeqAndPid(byte[] message) {
        byte[] copy = message.clone();
        Arrays.fill(copy, 8, 16, (byte) 0);
        return copy;
    }
}
