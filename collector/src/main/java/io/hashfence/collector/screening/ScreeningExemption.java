package io.hashfence.collector.screening;

import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.compliance.Exemption;
import io.hashfence.collector.fleet.RigKey;
import java.time.Instant;

/**
 * Spares a site or rig a screening alert until it expires, for a stated reason (a licence, a wind-down
 * period): one alert type, or every screening alert when {@code alert} is null.
 */
public record ScreeningExemption(Exemption exemption, AlertType alert) {

    public boolean covers(RigKey rig, AlertType type, Instant now) {
        return (alert == null || alert == type) && exemption.covers(rig, now);
    }
}
