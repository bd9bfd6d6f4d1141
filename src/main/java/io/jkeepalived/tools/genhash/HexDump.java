package io.jkeepalived.tools.genhash;

import java.io.PrintStream;

/** keepalived's dump_buffer(): offset, 16 bytes in hex split by " -", then the printable characters. */
final class HexDump {
    private static final String HEX = "0123456789abcdef";

    private HexDump() {
    }

    static void dump(byte[] buf, int off, int count, PrintStream out) {
        int padded = count % 16 == 0 ? count : count + (16 - count % 16);
        var sb = new StringBuilder();
        for (int i = 0; i < padded; i++) {
            if (i % 16 == 0) {
                sb.append(String.format("%04d ", i & 0xffff));
            }
            sb.append(i < count ? " " + HEX.charAt((buf[off + i] >> 4) & 0xf) + HEX.charAt(buf[off + i] & 0xf) : "   ");
            if ((i + 1) % 8 == 0) {
                if ((i + 1) % 16 != 0) {
                    sb.append(" -");
                } else {
                    sb.append("   ");
                    for (int j = i - 15; j <= i; j++) {
                        if (j < count) {
                            int b = buf[off + j] & 0xff;
                            sb.append(b >= 0x20 && b <= 0x7e ? (char) b : '.');
                        } else {
                            sb.append(' ');
                        }
                    }
                    sb.append('\n');
                }
            }
        }
        out.print(sb);
    }
}
