package io.hashfence.collector.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The half-open period [from, to) a report covers. */
public record ReportPeriod(Instant from, Instant to) {
    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    public boolean contains(Instant time) {
        return !time.isBefore(from) && time.isBefore(to);
    }

    /** How much of [start, end) lies within the period; {@code end} null means "until the period ends". */
    public Duration overlap(Instant start, Instant end) {
        Instant clippedStart = start.isBefore(from) ? from : start;
        Instant clippedEnd = end == null || end.isAfter(to) ? to : end;
        return clippedEnd.isAfter(clippedStart) ? Duration.between(clippedStart, clippedEnd) : Duration.ZERO;
    }
}
