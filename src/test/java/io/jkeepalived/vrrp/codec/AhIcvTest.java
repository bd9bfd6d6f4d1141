package io.jkeepalived.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The hand-made allocation-free HMAC-MD5 in AhIcv gives what the JDK's HmacMD5 gives, for any key length. */
class AhIcvTest {

    @Test
    void sameIcvAsTheJdksHmacMd5() throws Exception {
        var random = new Random(51);
        for (int round = 0; round < 200; round++) {
            byte[] key = new byte[round % 10];                  // 0..9 bytes: empty, short, 8, longer than 8
            random.nextBytes(key);
            byte[] pkt = new byte[20 + AhHeader.LENGTH + 8 + random.nextInt(200)];
            random.nextBytes(pkt);
            pkt[0] = 0x45;
            boolean unicast = random.nextBoolean();
            byte[] icv = new byte[AhHeader.ICV_LENGTH];
            new AhIcv(key).compute(pkt, 0, 20, pkt.length, unicast, icv, 0);

            byte[] masked = pkt.clone();
            masked[1] = 0;
            masked[6] = 0;
            masked[7] = 0;
            masked[10] = 0;
            masked[11] = 0;
            if (unicast) {
                masked[8] = 0;
            }
            Arrays.fill(masked, 20 + 12, 20 + AhHeader.LENGTH, (byte) 0);
            var mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacMD5"));
            byte[] expected = Arrays.copyOf(mac.doFinal(masked), AhHeader.ICV_LENGTH);
            assertArrayEquals(expected, icv, "round " + round + ", key length " + key.length);
        }
    }
}
