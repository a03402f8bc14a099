package io.hashfence.protocol;

/** One fan's speed in revolutions per minute. */
public record Fan(String name, double rpm) {}
