package io.hashfence.protocol;

/** One temperature sensor in degrees Celsius. */
public record Temperature(String sensor, double celsius) {}
