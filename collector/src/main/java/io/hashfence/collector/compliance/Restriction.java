package io.hashfence.collector.compliance;

/** A restricted jurisdiction, how severe running a rig there is, why, and which preset or file said so. */
public record Restriction(Jurisdiction jurisdiction, Severity severity, String reason, String source) {}
