package io.hashfence.collector.alert;

import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.FindingKind;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.geo.GeoLocation;
import java.util.EnumMap;
import java.util.Map;

/** Which alert conditions an assessment shows. */
final class AlertConditions {
    private AlertConditions() {}

    static Map<AlertType, Condition> of(Assessment a) {
        boolean quiet = a.state() == ComplianceState.COMPLIANT
                && a.trust() != Trust.LOW
                && a.trust() != Trust.NONE
                && !a.has(FindingKind.RELOCATED);
        if (quiet) {
            return Map.of();
        }
        Map<AlertType, Condition> conditions = new EnumMap<>(AlertType.class);
        String country = a.where() == null || a.where().country() == null
                ? ""
                : a.where().country().code();
        String subdivision = a.where() == null || a.where().subdivision() == null
                ? ""
                : a.where().subdivision().code();
        String place = a.where() == null ? "an unknown place" : describe(a);
        String trust = a.trust().label();
        if (a.state() == ComplianceState.VIOLATION) {
            conditions.put(
                    AlertType.IN_RESTRICTED_JURISDICTION,
                    new Condition(
                            AlertType.IN_RESTRICTED_JURISDICTION,
                            a.restriction().severity(),
                            country,
                            subdivision,
                            "rig is in " + place + ", restricted: "
                                    + a.restriction().reason(),
                            a.evidence(),
                            trust,
                            a.borderKm()));
        }
        if (a.state() == ComplianceState.WARNING) {
            conditions.put(
                    AlertType.NEAR_RESTRICTED_BORDER,
                    new Condition(
                            AlertType.NEAR_RESTRICTED_BORDER,
                            Severity.WARNING,
                            country,
                            subdivision,
                            "rig is in " + place + ", " + a.detail(FindingKind.NEAR_BORDER),
                            a.evidence(),
                            trust,
                            a.borderKm()));
        }
        if (a.state() == ComplianceState.UNKNOWN) {
            boolean fromRestricted = a.ipCountryRestricted();
            conditions.put(
                    AlertType.LOCATION_UNKNOWN,
                    new Condition(
                            AlertType.LOCATION_UNKNOWN,
                            fromRestricted ? Severity.CRITICAL : Severity.WARNING,
                            country,
                            subdivision,
                            fromRestricted
                                    ? "rig's location is unknown and it connects from a restricted country"
                                    : "rig's location is unknown",
                            a.evidence(),
                            trust,
                            a.borderKm()));
        }
        if (a.state() != ComplianceState.UNKNOWN && (a.trust() == Trust.LOW || a.trust() == Trust.NONE)) {
            Severity severity = a.ipCountryRestricted() || a.has(FindingKind.BEYOND_RTT_BOUND)
                    ? Severity.CRITICAL
                    : Severity.WARNING;
            conditions.put(
                    AlertType.LOCATION_UNVERIFIED,
                    new Condition(
                            AlertType.LOCATION_UNVERIFIED,
                            severity,
                            country,
                            subdivision,
                            "rig's claimed location in " + place + " conflicts with other evidence",
                            a.evidence(),
                            trust,
                            a.borderKm()));
        }
        if (a.has(FindingKind.SPOOF_SUSPECTED)) {
            conditions.put(
                    AlertType.SPOOF_SUSPECTED,
                    new Condition(
                            AlertType.SPOOF_SUSPECTED,
                            Severity.CRITICAL,
                            country,
                            subdivision,
                            "rig's location looks spoofed " + a.detail(FindingKind.SPOOF_SUSPECTED)
                                    + "; it stays until an operator clears it (POST /api/v1/rigs/{site}/{rig}/clear)",
                            a.evidence(),
                            trust,
                            a.borderKm()));
        }
        if (a.has(FindingKind.RELOCATED)) {
            conditions.put(
                    AlertType.RELOCATED,
                    new Condition(
                            AlertType.RELOCATED,
                            Severity.INFO,
                            country,
                            subdivision,
                            "rig relocated to " + place,
                            a.evidence(),
                            trust,
                            a.borderKm()));
        }
        return conditions;
    }

    private static String describe(Assessment a) {
        GeoLocation at = a.where();
        if (at.country() == null) {
            return "international waters";
        }
        String subdivision = at.subdivision() == null
                ? ""
                : at.subdivision().name() + " (" + at.subdivision().code() + "), ";
        String claim = switch (at.control()) {
            case UNDISPUTED -> "";
            case DE_FACTO ->
                ", de facto; claimed by " + at.claimedBy().name() + " ("
                        + at.claimedBy().code() + ")";
            case CONTESTED ->
                "; claimed by " + at.claimedBy().name() + " (" + at.claimedBy().code() + ")";
        };
        String where = subdivision + at.country().name() + " (" + at.country().code() + claim + ")";
        return switch (a.where().zone()) {
            case LAND -> where;
            case TERRITORIAL -> "the territorial waters of " + where;
            case INTERNATIONAL -> "international waters";
        };
    }
}
