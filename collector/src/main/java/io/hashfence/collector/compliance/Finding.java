package io.hashfence.collector.compliance;

/** One piece of evidence, with the facts behind it in words a compliance officer can check. */
public record Finding(FindingKind kind, String detail) {}
