package io.hashfence.collector.report;

/** How many alert transitions the log recorded in the period. */
public record AlertCounts(int opened, int resolved, int acknowledged) {}
