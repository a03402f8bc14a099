package io.hashfence.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.time.Instant;
import java.util.Locale;

/** The JSON shape of an alert, shared by the HTTP API and the webhook. */
public final class AlertJson {
    private AlertJson() {}

    public static ObjectNode of(Alert alert) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", alert.id());
        node.put("alertname", alert.type().alertName());
        node.put("status", alert.status().label());
        node.put("severity", alert.severity().label());
        node.put("site", alert.rig().site().value());
        node.put("rig", alert.rig().rig().value());
        node.put("country", alert.country());
        node.put("subdivision", alert.subdivision());
        node.put("summary", alert.summary());
        node.put("evidence", alert.evidence());
        node.put("trust", alert.trust());
        if (alert.borderKm() != null) {
            node.put("border_km", Math.round(alert.borderKm() * 100) / 100.0);
        }
        putTime(node, "opened_at", alert.openedAt());
        putTime(node, "fired_at", alert.firedAt());
        putTime(node, "resolved_at", alert.resolvedAt());
        putTime(node, "acknowledged_at", alert.acknowledgedAt());
        if (alert.acknowledgedBy() != null) {
            node.put("acknowledged_by", alert.acknowledgedBy());
        }
        return node;
    }

    /** Reads back what {@link #of} wrote, as the event log keeps it. */
    public static Alert parse(JsonNode node) {
        return Alert.builder()
                .id(node.get("id").asText())
                .rig(new RigKey(
                        SiteId.of(node.get("site").asText()),
                        RigId.of(node.get("rig").asText())))
                .type(AlertType.fromAlertName(node.get("alertname").asText()))
                .status(AlertStatus.valueOf(node.get("status").asText().toUpperCase(Locale.ROOT)))
                .severity(Severity.fromLabel(node.get("severity").asText()).orElseThrow())
                .country(node.get("country").asText())
                .subdivision(node.get("subdivision").asText())
                .summary(node.get("summary").asText())
                .evidence(node.get("evidence").asText())
                .trust(node.get("trust").asText())
                .openedAt(time(node, "opened_at"))
                .firedAt(time(node, "fired_at"))
                .resolvedAt(time(node, "resolved_at"))
                .acknowledged(
                        node.hasNonNull("acknowledged_by")
                                ? node.get("acknowledged_by").asText()
                                : null,
                        time(node, "acknowledged_at"))
                .borderKm(node.hasNonNull("border_km") ? node.get("border_km").asDouble() : null)
                .build();
    }

    /** The number in an alert id such as {@code alert-42}. */
    public static long number(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    private static Instant time(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
    }

    private static void putTime(ObjectNode node, String field, Instant time) {
        if (time != null) {
            node.put(field, time.toString());
        }
    }
}
