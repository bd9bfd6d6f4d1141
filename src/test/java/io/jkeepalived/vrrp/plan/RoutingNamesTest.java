package io.jkeepalived.vrrp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** keepalived's find_entry: numbers first, then the names read from the files, then the built-in ones for ids no file named. */
class RoutingNamesTest {
    @Test
    void fileNamesFirstThenBuiltIns() {
        var names = RoutingNames.of(Map.of(RoutingNames.RT_TABLES, List.of(new RoutingNames.Entry(100, "custom"),
                new RoutingNames.Entry(200, "main"), new RoutingNames.Entry(101, "custom"), new RoutingNames.Entry(254, "primary")),
                RoutingNames.RT_PROTOS, List.of(new RoutingNames.Entry(99, "mine"), new RoutingNames.Entry(300, "toobig"))));
        assertEquals(OptionalInt.of(100), names.table("custom"), "the first entry of a name");
        assertEquals(OptionalInt.of(200), names.table("main"), "a file may rename an id");
        assertEquals(OptionalInt.of(254), names.table("primary"));
        assertEquals(OptionalInt.empty(), RoutingNames.of(Map.of(RoutingNames.RT_TABLES,
                List.of(new RoutingNames.Entry(254, "primary")))).table("main"), "a built-in name only for an id no file named");
        assertEquals(OptionalInt.of(255), names.table("local"));
        assertEquals(OptionalInt.of(0x10), names.table("0x10"), "numbers as strtoul reads them");
        assertEquals(OptionalInt.empty(), names.table("-1"));
        assertEquals(OptionalInt.of(99), names.protocol("mine"));
        assertEquals(OptionalInt.empty(), names.protocol("toobig"), "an id above the file's maximum is skipped");
        assertEquals(OptionalInt.of(18), names.protocol("keepalived"));
        assertEquals(OptionalInt.empty(), RoutingNames.builtIn().table("custom"));
        assertEquals(OptionalInt.of(253), RoutingNames.builtIn().scope("link"));
    }
}
