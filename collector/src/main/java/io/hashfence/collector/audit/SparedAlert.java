package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.screening.ScreeningFinding;

/**
 * A screening alert a policy exemption spares one rig, as the event log records it: the alert and the
 * exemption's scope, reason and expiry ({@code screening_exemption_applied} until
 * {@code screening_exemption_ended}).
 */
public record SparedAlert(String alert, String scope, String reason, String expires) {

    static SparedAlert of(ScreeningFinding finding) {
        var exemption = finding.exemption().exemption();
        return new SparedAlert(
                finding.type().alertName(),
                exemption.scope(),
                exemption.reason(),
                exemption.expires().toString());
    }

    static SparedAlert read(JsonNode data) {
        return new SparedAlert(
                data.get("alert").asText(),
                data.get("scope").asText(),
                data.get("reason").asText(),
                data.get("expires").asText());
    }

    /** Writes the fields {@link #read} reads; the caller adds the rest. */
    void write(ObjectNode node) {
        node.put("alert", alert);
        node.put("scope", scope);
        node.put("reason", reason);
        node.put("expires", expires);
    }
}
