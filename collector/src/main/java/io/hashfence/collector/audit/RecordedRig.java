package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.geo.GeoLocation;
import java.util.Locale;

/**
 * What the event log last said of a rig: its compliance state, trust and place, and the position its verdict
 * was about (null when none was recorded, e.g. in a compaction checkpoint, which does not keep positions).
 *
 * @param claim on disputed land, the claiming state and how the country holds the place (see {@link Claim});
 *              null elsewhere
 */
public record RecordedRig(
        ComplianceState state,
        Trust trust,
        String country,
        String subdivision,
        String zone,
        boolean exempt,
        Double lat,
        Double lon,
        Claim claim) {

    /**
     * Another state's claim to the place, as the event log spells it: {@code claimed_by} (ISO 3166-1 alpha-2)
     * and {@code control} ({@code de_facto} or {@code contested}), both absent on undisputed land.
     */
    public record Claim(String claimedBy, String control) {

        /** The claim on a located place, or null where none is. */
        static Claim of(GeoLocation where) {
            return where == null || where.claimedBy() == null
                    ? null
                    : new Claim(where.claimedBy().code(), where.control().name().toLowerCase(Locale.ROOT));
        }

        static Claim read(JsonNode data) {
            String claimedBy = text(data, "claimed_by");
            return claimedBy == null ? null : new Claim(claimedBy, text(data, "control"));
        }

        /** Writes {@code claimed_by} and {@code control} into a place-and-state object; nothing for null. */
        private static void write(ObjectNode node, Claim claim) {
            if (claim != null) {
                node.put("claimed_by", claim.claimedBy());
                node.put("control", claim.control());
            }
        }
    }

    /** From a record's place-and-state object ({@code rig_first_seen} data, or a change's {@code to}). */
    static RecordedRig fromData(JsonNode data) {
        return new RecordedRig(
                ComplianceState.valueOf(data.get("state").asText().toUpperCase(Locale.ROOT)),
                Trust.valueOf(data.get("trust").asText().toUpperCase(Locale.ROOT)),
                text(data, "country"),
                text(data, "subdivision"),
                text(data, "zone"),
                data.hasNonNull("exemption"),
                number(data, "lat"),
                number(data, "lon"),
                Claim.read(data));
    }

    /** Writes the state, trust and place as {@link #fromData} reads them; the caller adds the rest. */
    void putStateAndPlace(ObjectNode node) {
        node.put("state", state.label());
        node.put("trust", trust.label());
        node.put("country", country);
        node.put("subdivision", subdivision);
        node.put("zone", zone);
        Claim.write(node, claim);
    }

    RecordedRig withTrust(Trust newTrust) {
        return new RecordedRig(state, newTrust, country, subdivision, zone, exempt, lat, lon, claim);
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
