package io.hashfence.protocol;

/** Power draw in watts and the source of the figure. */
public record PowerReading(double watts, PowerSource source) {}
