package io.hashfence.collector.report;

import io.hashfence.collector.compliance.Severity;

/** One entry of a sanctions policy as the event log recorded it. */
public record RestrictedPlace(String code, Severity severity, String reason) {}
