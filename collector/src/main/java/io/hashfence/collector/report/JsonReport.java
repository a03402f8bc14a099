package io.hashfence.collector.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.collector.json.CollectorJson;
import java.time.Instant;

/** The report as JSON; field names are documented in docs/REPORTS.md and kept stable. */
final class JsonReport {
    static final int VERSION = 1;

    private JsonReport() {}

    /** Indented, as people read it. */
    static byte[] render(Report report, CollectorJson json) {
        return json.pretty(tree(report));
    }

    static ObjectNode tree(Report report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("report_version", VERSION);
        ObjectNode period = root.putObject("period");
        period.put("from", report.period().from().toString());
        period.put("to", report.period().to().toString());
        root.put("generated_at", report.generatedAt().toString());
        ObjectNode chain = root.putObject("chain");
        chain.put("head_hash", report.chain().hash());
        chain.put("head_seq", report.chain().seq());
        chain.put("records", report.chain().records());
        if (!report.chain().nodes().isEmpty()) {
            ArrayNode nodes = chain.putArray("nodes");
            report.chain()
                    .nodes()
                    .forEach(head -> nodes.addObject()
                            .put("node", head.node())
                            .put("head_seq", head.seq())
                            .put("head_hash", head.hash())
                            .put("records", head.records()));
        }
        if (report.compacted() == null) {
            root.putNull("compacted");
        } else {
            root.putObject("compacted")
                    .put("through_seq", report.compacted().throughSeq())
                    .put("through_time", report.compacted().throughTime().toString());
        }
        ArrayNode policies = root.putArray("policies");
        report.policies().forEach(p -> policy(policies.addObject(), p));
        fleet(root.putObject("fleet"), report.fleet());
        ArrayNode rigs = root.putArray("rigs");
        report.rigs().forEach(r -> rig(rigs.addObject(), r));
        ObjectNode screening = root.putObject("screening");
        report.screening().forEach((alertname, alerts) -> {
            ArrayNode kind = screening.putArray(alertname);
            for (ScreeningAlert alert : alerts) {
                kind.addObject()
                        .put("site", alert.site())
                        .put("rig", alert.rig())
                        .put("severity", alert.severity())
                        .put("country", alert.country())
                        .put("fired_at", alert.firedAt().toString())
                        .put("resolved_at", text(alert.resolvedAt()))
                        .put("ongoing", alert.ongoing())
                        .put("summary", alert.summary())
                        .put("evidence", alert.evidence());
            }
        });
        ArrayNode exemptions = root.putArray("exemptions");
        report.exemptions().forEach(e -> exemption(exemptions.addObject(), e));
        return root;
    }

    private static void exemption(ObjectNode node, ExemptionInForce exemption) {
        node.put("spares", exemption.spares())
                .put("scope", exemption.scope())
                .put("reason", exemption.reason())
                .put("expires", exemption.expires().toString())
                .put("granted_at", text(exemption.grantedAt()))
                .put("withdrawn_at", text(exemption.withdrawnAt()));
        ArrayNode spared = node.putArray("spared");
        for (SparedScreeningAlert alert : exemption.spared()) {
            spared.addObject()
                    .put("site", alert.site())
                    .put("rig", alert.rig())
                    .put("alert", alert.alert())
                    .put("severity", alert.severity())
                    .put("from", alert.from().toString())
                    .put("until", text(alert.until()))
                    .put("ongoing", alert.ongoing())
                    .put("ended_because", alert.endedBecause())
                    .put("summary", alert.summary())
                    .put("evidence", alert.evidence());
        }
    }

    private static void policy(ObjectNode node, PolicyInForce policy) {
        node.put("origin", policy.origin());
        node.put("in_force_since", policy.since().toString());
        node.put("near_border_km", policy.nearBorderKm());
        ArrayNode restricted = node.putArray("restricted");
        policy.restricted().forEach(r -> restriction(restricted.addObject(), r));
    }

    private static void restriction(ObjectNode node, RestrictedPlace restriction) {
        node.put("code", restriction.code());
        node.put("severity", restriction.severity().label());
        node.put("reason", restriction.reason());
    }

    private static void fleet(ObjectNode node, FleetSummary fleet) {
        node.put("rigs", fleet.rigs());
        node.put("hashrate_hs", fleet.hashrateHs());
        ArrayNode countries = node.putArray("by_country");
        for (CountryTotal total : fleet.byCountry()) {
            countries
                    .addObject()
                    .put("country", total.country())
                    .put("claimed_by", total.claimedBy())
                    .put("control", Labels.control(total.control()))
                    .put("rigs", total.rigs())
                    .put("hashrate_hs", total.hashrateHs())
                    .put("rigs_without_hashrate", total.rigsWithoutHashrate());
        }
        node.put("time_in_restricted_s", Labels.seconds(fleet.timeInRestricted()));
        node.put("violations", fleet.violations());
        node.putObject("alerts")
                .put("opened", fleet.alerts().opened())
                .put("resolved", fleet.alerts().resolved())
                .put("acknowledged", fleet.alerts().acknowledged());
    }

    private static void rig(ObjectNode node, RigReport rig) {
        node.put("site", rig.site());
        node.put("rig", rig.rig());
        node.put("model", rig.model());
        RigStatus end = rig.atEnd();
        ObjectNode atEnd = node.putObject("at_end");
        atEnd.put("state", end.state().label());
        atEnd.put("trust", end.trust().label());
        place(atEnd, end.place());
        atEnd.put("lat", end.lat());
        atEnd.put("lon", end.lon());
        atEnd.put("hashrate_hs", end.hashrateHs());
        atEnd.put("exemption", end.exemption());
        ArrayNode trustSeen = node.putArray("trust_seen");
        rig.trustSeen().stream().sorted().map(Trust::label).forEach(trustSeen::add);
        ArrayNode stays = node.putArray("jurisdictions");
        for (JurisdictionStay stay : rig.stays()) {
            ObjectNode item = stays.addObject();
            place(item, stay.place());
            item.put("start", stay.start().toString());
            item.put("end", stay.end().toString());
            item.put("duration_s", Labels.seconds(stay.duration()));
        }
        ArrayNode violations = node.putArray("violations");
        for (Violation violation : rig.violations()) {
            ObjectNode item = violations.addObject();
            place(item, violation.place());
            item.put("start", violation.start().toString());
            item.put("end", text(violation.end()));
            item.put("ongoing", violation.ongoing());
            item.put("duration_s", Labels.seconds(violation.durationInPeriod()));
            if (violation.restriction() == null) {
                item.putNull("restriction");
            } else {
                restriction(item.putObject("restriction"), violation.restriction());
            }
            item.put("evidence", violation.evidence());
            item.put("trust", violation.trust().label());
            item.put("began_before_checkpoint", violation.beganBeforeCheckpoint());
            item.put("border_km", violation.borderKm());
        }
        ArrayNode clearances = node.putArray("suspicions_cleared");
        for (Clearance clearance : rig.clearances()) {
            clearances
                    .addObject()
                    .put("at", clearance.at().toString())
                    .put("by", clearance.by())
                    .put("reason", clearance.reason())
                    .put("suspicion", clearance.suspicion());
        }
    }

    private static void place(ObjectNode node, Place place) {
        node.put("country", place.country());
        node.put("claimed_by", place.claimedBy());
        node.put("control", place.isKnown() ? Labels.control(place.control()) : null);
        node.put("subdivision", place.subdivision());
        node.put("zone", Labels.zone(place.zone()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
