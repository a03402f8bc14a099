package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertJson;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rebuilds, from the event log read at start, what the collector must not forget across a restart: what
 * the log last said of each rig, and the alerts that were open.
 */
public final class LogReplay implements Consumer<AuditEvent> {
    private final Map<RigKey, RecordedRig> rigs = new HashMap<>();
    private final Map<String, Alert> openAlerts = new LinkedHashMap<>();
    private final Map<RigKey, Set<SparedAlert>> sparedAlerts = new HashMap<>();
    private long records;
    private long highestAlertNumber;

    @Override
    public void accept(AuditEvent event) {
        records++;
        switch (event.type()) {
            case ALERT_OPENED -> {
                Alert alert = AlertJson.parse(event.data());
                openAlerts.put(alert.id(), alert);
                highestAlertNumber = Math.max(highestAlertNumber, AlertJson.number(alert.id()));
            }
            case ALERT_ACKNOWLEDGED -> {
                Alert alert = AlertJson.parse(event.data());
                openAlerts.computeIfPresent(alert.id(), (id, open) -> alert);
            }
            case ALERT_RESOLVED -> openAlerts.remove(event.data().get("id").asText());
            case RIG_FIRST_SEEN -> rigs.put(rig(event), RecordedRig.fromData(event.data()));
            case JURISDICTION_CHANGED, COMPLIANCE_STATE_CHANGED ->
                rigs.put(rig(event), RecordedRig.fromData(event.data().get("to")));
            case EVIDENCE_CONFLICT ->
                rigs.computeIfPresent(
                        rig(event),
                        (k, known) -> known.withTrust(
                                Trust.valueOf(event.data().get("trust").asText().toUpperCase(Locale.ROOT))));
            case SCREENING_EXEMPTION_APPLIED ->
                sparedAlerts.computeIfAbsent(rig(event), k -> new HashSet<>()).add(SparedAlert.read(event.data()));
            case SCREENING_EXEMPTION_ENDED ->
                sparedAlerts.computeIfPresent(rig(event), (k, spared) -> {
                    spared.remove(SparedAlert.read(event.data()));
                    return spared.isEmpty() ? null : spared;
                });
            default -> {}
        }
    }

    private static RigKey rig(AuditEvent event) {
        return new RigKey(SiteId.of(event.site()), RigId.of(event.rig()));
    }

    private static RigKey rig(JsonNode node) {
        return new RigKey(
                SiteId.of(node.get("site").asText()), RigId.of(node.get("rig").asText()));
    }

    public Map<RigKey, RecordedRig> rigs() {
        return Map.copyOf(rigs);
    }

    /** The screening alerts exemptions spared each rig when the log was last written to. */
    public Map<RigKey, Set<SparedAlert>> sparedAlerts() {
        Map<RigKey, Set<SparedAlert>> copy = new HashMap<>();
        sparedAlerts.forEach((rig, spared) -> copy.put(rig, Set.copyOf(spared)));
        return copy;
    }

    public List<Alert> openAlerts() {
        return List.copyOf(openAlerts.values());
    }

    public long records() {
        return records;
    }

    /** The highest alert number ever issued, open or not, so that a restart never reuses an id. */
    public long highestAlertNumber() {
        return highestAlertNumber;
    }

    /** A replay that starts from the latest compaction checkpoint's state in the data directory, if any. */
    public static LogReplay startingFrom(Path dataDir) throws IOException {
        LogReplay replay = new LogReplay();
        Optional<Checkpoint> checkpoint = AuditFiles.latestCheckpoint(dataDir);
        checkpoint.ifPresent(c -> replay.seed(c.state()));
        return replay;
    }

    /** Starts from the state a compaction checkpoint summarised. */
    void seed(JsonNode state) {
        for (JsonNode rig : state.path("rigs")) {
            rigs.put(rig(rig), RecordedRig.fromData(rig));
        }
        for (JsonNode alert : state.path("open_alerts")) {
            Alert open = AlertJson.parse(alert);
            openAlerts.put(open.id(), open);
        }
        highestAlertNumber = state.path("highest_alert_number").asLong(0);
        for (JsonNode spared : state.path("spared_alerts")) {
            sparedAlerts.computeIfAbsent(rig(spared), k -> new HashSet<>()).add(SparedAlert.read(spared));
        }
    }

    /** The state so far, as a checkpoint keeps it. */
    ObjectNode toState() {
        ObjectNode state = AuditJson.object();
        ArrayNode rigArray = state.putArray("rigs");
        rigs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                .forEach(entry -> {
                    RecordedRig r = entry.getValue();
                    ObjectNode node = rigArray.addObject();
                    node.put("site", entry.getKey().site().value());
                    node.put("rig", entry.getKey().rig().value());
                    r.putStateAndPlace(node);
                    if (r.exempt()) {
                        node.put("exemption", "exempt");
                    }
                });
        ArrayNode alerts = state.putArray("open_alerts");
        openAlerts.values().forEach(alert -> alerts.add(AlertJson.of(alert)));
        state.put("highest_alert_number", highestAlertNumber);
        if (!sparedAlerts.isEmpty()) {
            ArrayNode spared = state.putArray("spared_alerts");
            sparedAlerts.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                    .forEach(entry -> entry.getValue().stream()
                            .sorted((a, b) -> a.toString().compareTo(b.toString()))
                            .forEach(alert -> {
                                ObjectNode node = spared.addObject();
                                node.put("site", entry.getKey().site().value());
                                node.put("rig", entry.getKey().rig().value());
                                alert.write(node);
                            }));
        }
        return state;
    }
}
