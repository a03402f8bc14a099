package io.hashfence.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path must give exactly what {@code OffsetDateTime.parse} gives, refusals included. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-26T14:00:00Z",
                "2026-11-26T14:00:00.5Z",
                "2026-11-26T14:00:00.123456789Z",
                "2026-11-26T14:00:00.1234567890Z",
                "2024-02-29T00:00:00Z",
                "2026-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-11-26T24:00:00Z",
                "2026-11-26T23:60:00Z",
                "2026-11-26T23:59:60Z",
                "2026-11-26t14:00:00z",
                "2026-11-26T14:00:00+03:00",
                "2026-11-26T14:00Z",
                "2026-11-26T14:00:00.Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z",
                "2026-11-00T00:00:00Z",
                "2026-1a-26T14:00:00Z",
                "+2026-11-26T14:00:00Z",
                "2026-11-26 14:00:00Z",
                "",
                "Z"
            })
    void agreesWithOffsetDateTime(String text) {
        assertSameAnswer(text);
    }

    @Test
    void agreesWithOffsetDateTimeOnMutatedTimestamps() {
        Random random = new Random(3339);
        String alphabet = "0123456789-:.TZtz+ ";
        for (int i = 0; i < 200_000; i++) {
            char[] text = "2026-11-26T14:07:09.250Z".toCharArray();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            assertSameAnswer(new String(text));
        }
    }

    private static void assertSameAnswer(String text) {
        Object expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            expected = "refused";
        }
        Object actual;
        try {
            actual = Rfc3339.parse(text);
        } catch (DateTimeParseException e) {
            actual = "refused";
        }
        assertThat(actual).as(text).isEqualTo(expected);
    }
}
