package io.hashfence.collector.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Trust;

/** A rig's place and state as the event log writes them ({@code rig_first_seen} data, a change's {@code to}). */
record Where(
        ComplianceState state,
        Trust trust,
        String country,
        String subdivision,
        String zone,
        Double lat,
        Double lon,
        double hashrateHs,
        String exemption,
        String claimedBy) {
    static final ObjectMapper JSON = new ObjectMapper();

    static final Where IRKUTSK = land(ComplianceState.VIOLATION, "RU", "RU-IRK", 52.29, 104.29);
    static final Where CRIMEA =
            land(ComplianceState.VIOLATION, "RU", "UA-43", 44.95, 34.10).claimedBy("UA");
    static final Where ALMATY = land(ComplianceState.COMPLIANT, "KZ", "KZ-75", 43.24, 76.89);
    static final Where TEXAS = land(ComplianceState.COMPLIANT, "US", "US-TX", 30.27, -97.74);
    static final Where NARVA = land(ComplianceState.WARNING, "EE", "EE-45", 59.38, 28.19);
    static final Where NOWHERE =
            new Where(ComplianceState.UNKNOWN, Trust.NONE, null, null, null, null, null, 0, null, null);

    static Where land(ComplianceState state, String country, String subdivision, double lat, double lon) {
        return new Where(state, Trust.HIGH, country, subdivision, "land", lat, lon, 100e12, null, null);
    }

    Where state(ComplianceState newState) {
        return new Where(newState, trust, country, subdivision, zone, lat, lon, hashrateHs, exemption, claimedBy);
    }

    Where trust(Trust newTrust) {
        return new Where(state, newTrust, country, subdivision, zone, lat, lon, hashrateHs, exemption, claimedBy);
    }

    Where hashrate(double hs) {
        return new Where(state, trust, country, subdivision, zone, lat, lon, hs, exemption, claimedBy);
    }

    Where exempt(String reason) {
        return new Where(state, trust, country, subdivision, zone, lat, lon, hashrateHs, reason, claimedBy);
    }

    /** On land RU holds de facto and this state claims, as the collector records Crimea. */
    Where claimedBy(String claimant) {
        return new Where(state, trust, country, subdivision, zone, lat, lon, hashrateHs, exemption, claimant);
    }

    ObjectNode json() {
        ObjectNode node = fromJson();
        if (lat != null) {
            node.put("lat", lat);
            node.put("lon", lon);
        }
        node.put("hashrate_hs", hashrateHs);
        if (exemption != null) {
            node.put("exemption", exemption);
        }
        return node;
    }

    /** The {@code from} side of a change, which carries state, trust and place only. */
    ObjectNode fromJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("state", state.label());
        node.put("trust", trust.label());
        node.put("country", country);
        node.put("subdivision", subdivision);
        node.put("zone", zone);
        if (claimedBy != null) {
            node.put("claimed_by", claimedBy);
            node.put("control", "de_facto");
        }
        return node;
    }
}
