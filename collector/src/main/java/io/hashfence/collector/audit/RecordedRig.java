package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Trust;
import java.util.Locale;

/**
 * What the event log last said of a rig: its compliance state, trust and place, and the position its verdict
 * was about (null when none was recorded, e.g. in a compaction checkpoint, which does not keep positions).
 */
public record RecordedRig(ComplianceState state, Trust trust, String country, String subdivision, String zone,
                          boolean exempt, Double lat, Double lon) {

    /** From a record's place-and-state object ({@code rig_first_seen} data, or a change's {@code to}). */
    static RecordedRig fromData(JsonNode data) {
        return new RecordedRig(ComplianceState.valueOf(data.get("state").asText().toUpperCase(Locale.ROOT)),
                Trust.valueOf(data.get("trust").asText().toUpperCase(Locale.ROOT)), text(data, "country"),
                text(data, "subdivision"), text(data, "zone"), data.hasNonNull("exemption"), number(data, "lat"),
                number(data, "lon"));
    }

    /** Writes the state, trust and place as {@link #fromData} reads them; the caller adds the rest. */
    void putStateAndPlace(ObjectNode node) {
        node.put("state", state.label());
        node.put("trust", trust.label());
        node.put("country", country);
        node.put("subdivision", subdivision);
        node.put("zone", zone);
    }

    RecordedRig withTrust(Trust newTrust) {
        return new RecordedRig(state, newTrust, country, subdivision, zone, exempt, lat, lon);
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asDouble();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
