package io.jkeepalived.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** keepalived's json_writer layout and C's %g / %f, which keepalived.json's numbers are written with. */
class JsonWriterTest {
    @Test
    void compactWithCommasAndKeepalivedsEscapes() {
        String doc = new JsonWriter().startArray().startObject().name("data").startObject().field("iname", "VI_1")
                .flag("accept", true).field("vipset", false).field("script", "'/bin/echo' \"x\"\\\n\u0001")
                .name("vips").startArray().string("a").string("b").endArray().endObject().endObject()
                .startObject().endObject().endArray().finish();
        assertEquals("[{\"data\":{\"iname\":\"VI_1\",\"accept\":1,\"vipset\":false,"
                + "\"script\":\"'\\/bin\\/echo' \\\"x\\\"\\\\\\n\\u0001\",\"vips\":[\"a\",\"b\"]}},{}]\n", doc);
    }

    @Test
    void numbersAsPrintfWritesThem() {
        assertEquals("1", JsonWriter.formatG(1.0));
        assertEquals("0.5", JsonWriter.formatG(0.5));
        assertEquals("0.01", JsonWriter.formatG(0.01));
        assertEquals("5", JsonWriter.formatG(5_000_000 / 1e6));
        assertEquals("255", JsonWriter.formatG(255));
        assertEquals("123457", JsonWriter.formatG(123456.7));
        assertEquals("1.23457e+06", JsonWriter.formatG(1234567));
        assertEquals("1e-05", JsonWriter.formatG(0.00001));
        assertEquals("0", JsonWriter.formatG(0));
        assertEquals("{\"t\":1796655986.993520}", new JsonWriter().startObject().name("t").numberF(1796655986.99352).endObject().text());
    }
}
