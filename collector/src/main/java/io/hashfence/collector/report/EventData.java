package io.hashfence.collector.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.geo.Control;
import io.hashfence.geo.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the fields of event-log {@code data} objects into report terms. */
final class EventData {
    private EventData() {}

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asDouble();
    }

    static Place place(JsonNode node) {
        String zone = text(node, "zone");
        if (zone == null) {
            return Place.UNKNOWN;
        }
        String claimedBy = text(node, "claimed_by");
        Control control = claimedBy == null
                ? Control.UNDISPUTED
                : Control.valueOf(node.path("control").asText("de_facto").toUpperCase(Locale.ROOT));
        return new Place(
                text(node, "country"),
                text(node, "subdivision"),
                Zone.valueOf(zone.toUpperCase(Locale.ROOT)),
                claimedBy,
                control);
    }

    static ComplianceState state(JsonNode node) {
        return ComplianceState.valueOf(node.get("state").asText().toUpperCase(Locale.ROOT));
    }

    static Trust trust(JsonNode node) {
        return Trust.valueOf(node.get("trust").asText().toUpperCase(Locale.ROOT));
    }

    /** A {@code {code, severity, reason}} object, or null when the node is absent. */
    static RestrictedPlace restriction(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Severity severity = Severity.fromLabel(node.path("severity").asText()).orElse(Severity.CRITICAL);
        return new RestrictedPlace(node.path("code").asText(), severity, text(node, "reason"));
    }

    static List<RestrictedPlace> restrictions(JsonNode array) {
        List<RestrictedPlace> list = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> list.add(restriction(node)));
        }
        return list;
    }
}
