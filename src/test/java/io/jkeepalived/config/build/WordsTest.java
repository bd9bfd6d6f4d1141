package io.jkeepalived.config.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void plainSecondsAreReadWithoutBigDecimal() {
        assertEquals(1_000_000, Words.plainMicros("1"));
        assertEquals(1_500_000, Words.plainMicros("1.5"));
        assertEquals(10_000, Words.plainMicros("0.01"));
        assertEquals(123_456, Words.plainMicros("0.123456"));
        assertEquals(-1, Words.plainMicros("0.1234567"), "more than microseconds: the exact path decides");
        assertEquals(-1, Words.plainMicros("-1"));
        assertEquals(-1, Words.plainMicros("1.5.6"));
        assertEquals(-1, Words.plainMicros(""));
        assertEquals(-1, Words.plainMicros(".5"));
        assertEquals(-1, Words.plainMicros("1e3"));
    }
}
