package io.hashfence.agent.config;

import java.time.Duration;

/** Settings given as flags of {@code run}; null when the flag is absent. They win over file and environment. */
public record CommandLineOverrides(String collector, Duration publishInterval) {}
