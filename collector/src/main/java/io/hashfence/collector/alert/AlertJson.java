package io.hashfence.collector.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The JSON shape of an alert, shared by the HTTP API and the webhook. */
public final class AlertJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    public static ObjectNode of(Alert alert) {
        ObjectNode node = MAPPER.createObjectNode();
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
        putTime(node, "opened_at", alert.openedAt());
        putTime(node, "fired_at", alert.firedAt());
        putTime(node, "resolved_at", alert.resolvedAt());
        putTime(node, "acknowledged_at", alert.acknowledgedAt());
        if (alert.acknowledgedBy() != null) {
            node.put("acknowledged_by", alert.acknowledgedBy());
        }
        return node;
    }

    private static void putTime(ObjectNode node, String field, Instant time) {
        if (time != null) {
            node.put(field, time.toString());
        }
    }
}
