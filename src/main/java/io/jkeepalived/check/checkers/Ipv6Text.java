package io.jkeepalived.check.checkers;

/** RFC 5952 text of an IPv6 address (what inet_ntop prints), from the JDK's uncompressed form. */
final class Ipv6Text {
    private Ipv6Text() {
    }

    static String compress(String full) {
        String[] groups = full.split(":");
        if (groups.length != 8) {
            return full;
        }
        for (int i = 0; i < 8; i++) {
            groups[i] = Integer.toHexString(Integer.parseInt(groups[i], 16));
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (!groups[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, 8));
        return head + "::" + tail;
    }
}
