package io.hashfence.protocol;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps as agents send them. The usual shape, {@code 2026-11-26T14:00:00Z} with an optional
 * fraction of up to nine digits, is read straight from its characters: the collector reads one per
 * message, and {@code OffsetDateTime.parse} is among its costliest steps. Every other shape (offsets, lower
 * case, anything odd) goes to {@code OffsetDateTime.parse}, so the answers are exactly its answers.
 */
final class Rfc3339 {
    private static final int SHORTEST = "2026-11-26T14:00:00Z".length();

    private Rfc3339() {}

    /** @throws DateTimeParseException as {@code OffsetDateTime.parse} does */
    static Instant parse(String text) {
        Instant fast = usualShape(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    private static Instant usualShape(String text) {
        int length = text.length();
        if (length < SHORTEST
                || length > SHORTEST + 10
                || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nanos = fraction(text, 19, length - 1);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || nanos < 0) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException noSuchDate) {
            return null;
        }
    }

    /** The value of {@code count} ASCII digits from {@code start}, or -1 if one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Nanoseconds of an optional ".ddd" between start and end, or -1 if malformed. */
    private static int fraction(String text, int start, int end) {
        if (start == end) {
            return 0;
        }
        int count = end - start - 1;
        if (text.charAt(start) != '.' || count < 1 || count > 9) {
            return -1;
        }
        int value = digits(text, start + 1, count);
        for (int i = count; i < 9 && value >= 0; i++) {
            value *= 10;
        }
        return value;
    }
}
