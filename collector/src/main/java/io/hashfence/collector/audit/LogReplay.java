package io.hashfence.collector.audit;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertJson;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rebuilds, from the event log read at start, what the collector must not forget across a restart: what
 * the log last said of each rig, and the alerts that were open.
 */
public final class LogReplay implements Consumer<AuditEvent> {
    private final Map<RigKey, RecordedRig> rigs = new HashMap<>();
    private final Map<String, Alert> openAlerts = new LinkedHashMap<>();
    private long records;

    @Override
    public void accept(AuditEvent event) {
        records++;
        switch (event.type()) {
            case ALERT_OPENED, ALERT_ACKNOWLEDGED -> {
                Alert alert = AlertJson.parse(event.data());
                openAlerts.put(alert.id(), alert);
            }
            case ALERT_RESOLVED -> openAlerts.remove(event.data().get("id").asText());
            case RIG_FIRST_SEEN -> rigs.put(rig(event), RecordedRig.fromData(event.data()));
            case JURISDICTION_CHANGED, COMPLIANCE_STATE_CHANGED ->
                    rigs.put(rig(event), RecordedRig.fromData(event.data().get("to")));
            case EVIDENCE_CONFLICT -> rigs.computeIfPresent(rig(event), (k, known) -> known.withTrust(
                    Trust.valueOf(event.data().get("trust").asText().toUpperCase(Locale.ROOT))));
            default -> {
            }
        }
    }

    private static RigKey rig(AuditEvent event) {
        return new RigKey(SiteId.of(event.site()), RigId.of(event.rig()));
    }

    public Map<RigKey, RecordedRig> rigs() {
        return Map.copyOf(rigs);
    }

    public List<Alert> openAlerts() {
        return List.copyOf(openAlerts.values());
    }

    public long records() {
        return records;
    }
}
