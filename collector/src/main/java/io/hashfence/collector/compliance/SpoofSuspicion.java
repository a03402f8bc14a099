package io.hashfence.collector.compliance;

import java.time.Instant;

/**
 * Why a rig is suspected of spoofing its location, and since when. It stays until an operator clears it
 * ({@code POST /api/v1/rigs/{site}/{rig}/clear}); nothing the rig sends clears it.
 */
public record SpoofSuspicion(Instant since, String reason) {}
