package io.hashfence.collector.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Trust;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Follows one rig through the log, oldest record first, and cuts its history into stays and violations. */
final class RigTimeline {
    private final String site;
    private final String rig;
    private final ReportPeriod period;
    private final List<JurisdictionStay> stays = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<Clearance> clearances = new ArrayList<>();
    private final Set<Trust> trustSeen = EnumSet.noneOf(Trust.class);
    private String model;
    private ComplianceState state;
    private Trust trust;
    private Trust trustWhenPeriodBegan;
    private Place place;
    private Instant placeSince;
    private OpenViolation openViolation;
    private Double lat;
    private Double lon;
    private Double hashrateHs;
    private String exemption;

    private static final class OpenViolation {
        final Instant start;
        final Place place;
        final Trust trust;
        final boolean beganBeforeCheckpoint;
        final Double borderKm;
        RestrictedPlace restriction;
        String evidence;

        OpenViolation(
                Instant start,
                Place place,
                Trust trust,
                boolean beganBeforeCheckpoint,
                RestrictedPlace restriction,
                String evidence,
                Double borderKm) {
            this.start = start;
            this.place = place;
            this.trust = trust;
            this.beganBeforeCheckpoint = beganBeforeCheckpoint;
            this.restriction = restriction;
            this.evidence = evidence;
            this.borderKm = borderKm;
        }
    }

    RigTimeline(String site, String rig, ReportPeriod period) {
        this.site = site;
        this.rig = rig;
        this.period = period;
    }

    void firstSeen(Instant time, JsonNode data, PolicyInForce policy) {
        model = EventData.text(data, "model");
        changed(time, data, EventData.text(data, "evidence"), EventData.restriction(data.get("restriction")), policy);
    }

    /** The state a compaction checkpoint recorded for the rig at {@code time}; what came before is unknown. */
    void seeded(Instant time, JsonNode state, PolicyInForce policy) {
        changed(time, state, null, null, policy);
        if (openViolation != null) {
            openViolation = new OpenViolation(
                    time,
                    openViolation.place,
                    openViolation.trust,
                    true,
                    openViolation.restriction,
                    null,
                    openViolation.borderKm);
        }
    }

    /**
     * The rig's state or place changed: {@code to} is the new state and place.
     *
     * @param evidence and {@code restriction}: what a compliance_state_changed record adds, else null
     */
    void changed(Instant time, JsonNode to, String evidence, RestrictedPlace restriction, PolicyInForce policy) {
        Place newPlace = EventData.place(to);
        ComplianceState newState = EventData.state(to);
        Trust newTrust = EventData.trust(to);
        boolean placeChanged = !newPlace.equals(place);
        if (placeChanged) {
            closeStay(time);
            placeSince = time;
        }
        if (openViolation != null && (newState != ComplianceState.VIOLATION || placeChanged)) {
            closeViolation(time);
        }
        if (newState == ComplianceState.VIOLATION) {
            if (openViolation == null) {
                RestrictedPlace broken =
                        restriction != null || policy == null ? restriction : policy.restrictionOf(newPlace);
                openViolation = new OpenViolation(
                        time, newPlace, newTrust, false, broken, evidence, EventData.number(to, "border_km"));
            } else if (openViolation.evidence == null && evidence != null) {
                // jurisdiction_changed comes first and opens the violation; the compliance_state_changed
                // written at the same moment carries its evidence and restriction.
                openViolation.evidence = evidence;
                openViolation.restriction = restriction != null ? restriction : openViolation.restriction;
            }
        }
        place = newPlace;
        state = newState;
        exemption = EventData.text(to, "exemption");
        observed(time, to);
    }

    /** A record that says something about the rig without changing its state or place. */
    void observed(Instant time, JsonNode data) {
        if (data.hasNonNull("trust")) {
            trust = EventData.trust(data);
            if (time.isBefore(period.from())) {
                trustWhenPeriodBegan = trust;
            } else {
                trustSeen.add(trust);
            }
        }
        Double newLat = EventData.number(data, "lat");
        Double newLon = EventData.number(data, "lon");
        if (newLat != null && newLon != null) {
            lat = newLat;
            lon = newLon;
        }
        Double hashrate = EventData.number(data, "hashrate_hs");
        if (hashrate != null) {
            hashrateHs = hashrate;
        }
    }

    /** An operator cleared the rig's spoofing suspicion. */
    void cleared(Instant time, JsonNode data) {
        if (period.contains(time)) {
            clearances.add(new Clearance(
                    time,
                    EventData.text(data, "by"),
                    EventData.text(data, "reason"),
                    EventData.text(data, "suspicion")));
        }
    }

    void exemptionExpired() {
        exemption = null;
    }

    /** Ends the rig's history at the end of the period; call once, after the last record. */
    RigReport finish() {
        closeStay(null);
        closeViolation(null);
        if (trustWhenPeriodBegan != null) {
            trustSeen.add(trustWhenPeriodBegan);
        }
        RigStatus atEnd = new RigStatus(state, trust, place, lat, lon, hashrateHs, exemption);
        return new RigReport(site, rig, model, atEnd, stays, violations, trustSeen, clearances);
    }

    private void closeStay(Instant end) {
        if (place == null || !belongsToPeriod(placeSince, end)) {
            return;
        }
        Instant start = placeSince.isBefore(period.from()) ? period.from() : placeSince;
        Instant clippedEnd = end == null || end.isAfter(period.to()) ? period.to() : end;
        stays.add(new JurisdictionStay(place, start, clippedEnd, period.overlap(placeSince, end)));
    }

    private void closeViolation(Instant end) {
        OpenViolation open = openViolation;
        openViolation = null;
        if (open == null || !belongsToPeriod(open.start, end)) {
            return;
        }
        violations.add(new Violation(
                open.place,
                open.start,
                end,
                period.overlap(open.start, end),
                open.restriction,
                open.evidence,
                open.trust,
                open.beganBeforeCheckpoint,
                open.borderKm));
    }

    /** An interval belongs to the report if it overlaps the period or (lasting no time) begins within it. */
    private boolean belongsToPeriod(Instant start, Instant end) {
        return period.contains(start) || period.overlap(start, end).compareTo(Duration.ZERO) > 0;
    }
}
