package io.hashfence.collector.report;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads a report period from two optional RFC 3339 times. Without {@code to} the period ends now; without
 * {@code from} it starts {@link #DEFAULT_LENGTH} before its end. Errors name the parameter as the caller
 * spells it ({@code from} in a query, {@code --from} on the command line).
 */
public record PeriodParameters(String fromName, String toName) {
    public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);
    private static final Pattern SPACE_FOR_PLUS = Pattern.compile("^(.*\\d) (\\d{2}:\\d{2})$");

    /** @throws IllegalArgumentException naming the bad parameter */
    public ReportPeriod parse(String fromText, String toText, Instant now) {
        Instant to = toText == null ? now : instant(toName, toText);
        Instant from = fromText == null ? to.minus(DEFAULT_LENGTH) : instant(fromName, fromText);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException(fromName + " (" + from + ") must be before " + toName + " (" + to + ")");
        }
        return new ReportPeriod(from, to);
    }

    private static Instant instant(String name, String text) {
        // An unencoded "+" in a query string arrives as a space: "…T02:00:00 02:00" means "…T02:00:00+02:00".
        String repaired = SPACE_FOR_PLUS.matcher(text.strip()).replaceFirst("$1+$2");
        try {
            return OffsetDateTime.parse(repaired, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be an RFC 3339 time such as 2026-11-01T00:00:00Z, got \"" + text + "\"");
        }
    }
}
