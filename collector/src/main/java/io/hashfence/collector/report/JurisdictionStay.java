package io.hashfence.collector.report;

import java.time.Duration;
import java.time.Instant;

/** A time a rig spent in one place, clipped to the report's period. */
public record JurisdictionStay(Place place, Instant start, Instant end, Duration duration) {}
