package io.hashfence.collector.alert;

import java.time.Instant;

/**
 * One transition of one alert (it fired, or it resolved), to deliver to every sink exactly once.
 *
 * @param id unique per transition, so that a receiver can drop a retried delivery it already has
 */
public record Notification(String id, AlertStatus transition, Alert alert, Instant at) {}
