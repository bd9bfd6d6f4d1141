package io.jkeepalived.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedLogSinkTest {
    @Test
    void repeatsAreCountedStateChangesAlwaysPass() {
        var now = new AtomicLong();
        var out = new ArrayList<String>();
        var sink = new BoundedLogSink(out::add, now::get, 5, 10_000_000L);
        for (int i = 0; i < 1000; i++) {
            sink.log("(VI_1) bogus VRRP packet received on jkda !!!");
        }
        sink.log("(VI_1) Entering MASTER STATE");
        assertEquals(6, out.size());
        now.set(10_000_001L);
        sink.log("(VI_1) bogus VRRP packet received on jkda !!!");
        assertEquals(List.of("(995 more like this suppressed) (VI_1) bogus VRRP packet received on jkda !!!",
                "(VI_1) bogus VRRP packet received on jkda !!!"), out.subList(6, 8));
    }
}
