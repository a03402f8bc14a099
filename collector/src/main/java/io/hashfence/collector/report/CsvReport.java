package io.hashfence.collector.report;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The report as one RFC 4180 table (CRLF line ends, fields quoted when they hold a comma, quote or line
 * break). The {@code record} column says what a row is: one {@code report} row (the period and the chain
 * head hash), then for each rig its {@code jurisdiction} rows and its {@code violation} rows, then one row per
 * screening alert, whose {@code record} is its alertname ({@code PayoutToSanctionedAddress}, …), with the
 * summary under {@code reason}; then one {@code exemption} row per exemption of the policy in force during the
 * period (what it spares under {@code restriction_code} — {@code location restrictions} or a screening alert —,
 * its scope under {@code evidence}, granted at {@code start}, withdrawn or expired at {@code end}), each followed
 * by an {@code exemption_spared} row per rig it spared a screening alert (the alert under {@code
 * restriction_code}, the exemption's reason, the finding's evidence). {@code claimed_by} and {@code control} (last, so that the older columns keep
 * their places) state disputed land as {@code /api/v1/locate} does: Crimea is country RU, claimed_by UA, control
 * de_facto, subdivision UA-43; {@code border_km} on a violation row is the rig's distance to the nearest
 * border of its country when the violation began.
 */
final class CsvReport {
    static final List<String> COLUMNS = List.of(
            "record",
            "site",
            "rig",
            "country",
            "subdivision",
            "zone",
            "start",
            "end",
            "duration_s",
            "ongoing",
            "began_before_checkpoint",
            "restriction_code",
            "severity",
            "reason",
            "evidence",
            "trust",
            "chain_head_hash",
            "claimed_by",
            "control",
            "border_km");

    private CsvReport() {}

    static byte[] render(Report report) {
        StringBuilder csv = new StringBuilder();
        row(csv, COLUMNS);
        row(
                csv,
                values(
                        "report",
                        null,
                        null,
                        Place.UNKNOWN,
                        report.period().from(),
                        report.period().to(),
                        Duration.between(report.period().from(), report.period().to()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        report.chain().hash()));
        for (RigReport rig : report.rigs()) {
            for (JurisdictionStay stay : rig.stays()) {
                row(
                        csv,
                        values(
                                "jurisdiction",
                                rig.site(),
                                rig.rig(),
                                stay.place(),
                                stay.start(),
                                stay.end(),
                                stay.duration(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null));
            }
            for (Violation v : rig.violations()) {
                List<String> values = values(
                        "violation",
                        rig.site(),
                        rig.rig(),
                        v.place(),
                        v.start(),
                        v.end(),
                        v.durationInPeriod(),
                        Boolean.toString(v.ongoing()),
                        Boolean.toString(v.beganBeforeCheckpoint()),
                        v.restriction(),
                        v.evidence(),
                        v.trust().label(),
                        null);
                if (v.borderKm() != null) {
                    values.set(COLUMNS.indexOf("border_km"), v.borderKm().toString());
                }
                row(csv, values);
            }
        }
        report.screening().forEach((alertname, alerts) -> {
            for (ScreeningAlert a : alerts) {
                List<String> values = values(
                        alertname,
                        a.site(),
                        a.rig(),
                        Place.UNKNOWN,
                        a.firedAt(),
                        a.resolvedAt(),
                        null,
                        Boolean.toString(a.ongoing()),
                        null,
                        null,
                        a.evidence(),
                        null,
                        null);
                values.set(COLUMNS.indexOf("country"), a.country());
                values.set(COLUMNS.indexOf("severity"), a.severity());
                values.set(COLUMNS.indexOf("reason"), a.summary());
                row(csv, values);
            }
        });
        for (ExemptionInForce exemption : report.exemptions()) {
            List<String> values = values(
                    "exemption",
                    null,
                    null,
                    Place.UNKNOWN,
                    exemption.grantedAt(),
                    exemption.endedAt(),
                    null,
                    null,
                    null,
                    null,
                    exemption.scope(),
                    null,
                    null);
            values.set(COLUMNS.indexOf("restriction_code"), exemption.spares());
            values.set(COLUMNS.indexOf("reason"), exemption.reason());
            row(csv, values);
            for (SparedScreeningAlert spared : exemption.spared()) {
                List<String> use = values(
                        "exemption_spared",
                        spared.site(),
                        spared.rig(),
                        Place.UNKNOWN,
                        spared.from(),
                        spared.until(),
                        null,
                        Boolean.toString(spared.ongoing()),
                        null,
                        null,
                        spared.evidence(),
                        null,
                        null);
                use.set(COLUMNS.indexOf("restriction_code"), spared.alert());
                use.set(COLUMNS.indexOf("severity"), spared.severity());
                use.set(COLUMNS.indexOf("reason"), exemption.reason());
                row(csv, use);
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> values(
            String record,
            String site,
            String rig,
            Place place,
            Object start,
            Object end,
            Duration duration,
            String ongoing,
            String beganBeforeCheckpoint,
            RestrictedPlace restriction,
            String evidence,
            String trust,
            String chainHead) {
        List<String> values = new ArrayList<>(Arrays.asList(
                record,
                site,
                rig,
                place.country(),
                place.subdivision(),
                Labels.zone(place.zone()),
                text(start),
                text(end),
                seconds(duration),
                ongoing,
                beganBeforeCheckpoint));
        values.add(restriction == null ? null : restriction.code());
        values.add(restriction == null ? null : restriction.severity().label());
        values.add(restriction == null ? null : restriction.reason());
        values.addAll(Arrays.asList(
                evidence,
                trust,
                chainHead,
                place.claimedBy(),
                place.isKnown() ? Labels.control(place.control()) : null,
                null));
        return values;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String seconds(Duration duration) {
        return duration == null
                ? null
                : BigDecimal.valueOf(duration.toMillis(), 3)
                        .stripTrailingZeros()
                        .toPlainString();
    }

    private static void row(StringBuilder csv, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(values.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
