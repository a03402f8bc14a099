package io.hashfence.collector.report;

import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.geo.Control;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report as one self-contained HTML page for a compliance officer: inline CSS, an inline SVG map, no
 * scripts and no reference to anything outside the file.
 */
final class HtmlReport {
    private static final String STYLE = """
            body{font:14px/1.45 "DejaVu Sans",Arial,sans-serif;color:#1d1d1f;margin:0;background:#fafaf8}
            main{max-width:1320px;margin:0 auto;padding:24px 32px 48px}
            h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid #d8d6cf;padding-bottom:4px}
            h3{font-size:15px;margin:18px 0 6px}p{margin:6px 0}.muted{color:#5f5f5f}
            .chain{background:#fff;border:2px solid #1d1d1f;border-radius:6px;padding:12px 16px;margin-top:16px}
            .hash{font:bold 15px/1.3 "DejaVu Sans Mono",monospace;word-break:break-all;background:#f1f0ec;padding:6px 8px;border-radius:4px}
            code{font-family:"DejaVu Sans Mono",monospace;background:#f1f0ec;padding:1px 4px;border-radius:3px}
            .figures{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}
            .figure{background:#fff;border:1px solid #d8d6cf;border-radius:6px;padding:8px 14px;min-width:150px}
            .figure b{display:block;font-size:20px}
            table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 12px}
            th,td{border:1px solid #d8d6cf;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#efeee9}td.num{text-align:right}
            .world-map{width:100%;height:auto;display:block;border:1px solid #d8d6cf}
            .legend{display:flex;flex-wrap:wrap;gap:18px;margin:8px 0;padding:0;list-style:none}
            .swatch{display:inline-block;width:14px;height:14px;border-radius:7px;vertical-align:-2px;margin-right:6px;border:1px solid #fff}
            .swatch.area{border-radius:2px;border-color:#b5504f}
            .state{font-weight:bold}.state.violation{color:#c0001a}.state.warning{color:#9a6b00}
            .state.compliant{color:#1a7a44}.state.unknown{color:#555}
            """;

    private HtmlReport() {}

    static byte[] render(Report report) {
        WorldMap map = WorldMap.shared();
        StringBuilder html = new StringBuilder(1 << 20);
        String title = "Compliance report " + HumanUnits.time(report.period().from()) + " to "
                + HumanUnits.time(report.period().to());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(title))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body><main>");
        header(html, report);
        summary(html, report, map);
        mapSection(html, report, map);
        violations(html, report, map);
        clearances(html, report);
        screening(html, report);
        exemptions(html, report);
        rigs(html, report, map);
        stays(html, report, map);
        policies(html, report, map);
        html.append("<p class=\"muted\">Produced by Hashfence from the collector's event log. Times are UTC; "
                + "the period includes its start and excludes its end.</p></main></body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder html, Report report) {
        ChainHead chain = report.chain();
        html.append("<h1>Hashfence compliance report</h1><p>Period: <b>")
                .append(HumanUnits.time(report.period().from()))
                .append("</b> to <b>")
                .append(HumanUnits.time(report.period().to()))
                .append("</b>. Generated ")
                .append(HumanUnits.time(report.generatedAt()))
                .append(".</p>");
        if (chain.nodes().isEmpty()) {
            oneChain(html, chain);
        } else {
            fleetChains(html, chain);
        }
        CompactedHistory compacted = report.compacted();
        if (compacted != null) {
            html.append("<p id=\"compacted\"><b>Compacted history.</b> Records up to number ")
                    .append(compacted.throughSeq())
                    .append(" (until ")
                    .append(HumanUnits.time(compacted.throughTime()))
                    .append(") were replaced by a checkpoint signed with the collector's audit key, which "
                            + "<code>verify</code> also checks. The report starts from the state of each rig that "
                            + "checkpoint records: it does not cover time before then, and a violation already "
                            + "going on then is shown as beginning at or before it.</p>");
        }
        html.append("</section>");
    }

    private static void oneChain(StringBuilder html, ChainHead chain) {
        html.append("<section class=\"chain\" id=\"chain\"><h2 style=\"margin-top:0;border:0\">Evidence: event log "
                        + "chain head</h2><p>This report was built from the collector's tamper-evident event log (")
                .append(chain.records())
                .append(" records). Every record carries the SHA-256 hash of the record "
                        + "before it. The newest record read, number ")
                .append(chain.seq())
                .append(", has the hash</p>")
                .append("<p class=\"hash\" id=\"head-hash\">")
                .append(Html.escape(chain.hash()))
                .append("</p>")
                .append("<p>To verify: on the collector, run <code>hashfence-collector verify --data-dir DIR</code> "
                        + "(DIR is the collector's data directory). It recomputes every hash and must report the "
                        + "chain intact. Then check that record ")
                .append(chain.seq())
                .append(" still has the hash " + "above: <code>grep -F ' {\"seq\":")
                .append(chain.seq())
                .append(",' DIR/events.log | cut -c1-64</code>. Later records link back to it, so the log cannot "
                        + "have been changed up to this point without verification failing.</p>");
    }

    private static void fleetChains(StringBuilder html, ChainHead chain) {
        html.append("<section class=\"chain\" id=\"chain\"><h2 style=\"margin-top:0;border:0\">Evidence: event log "
                        + "chain heads</h2><p>This report was built from the tamper-evident event logs of ")
                .append(chain.nodes().size())
                .append(" collectors in the shared store (")
                .append(chain.records())
                .append(" records), one hash chain per collector. Every record carries the SHA-256 hash of the "
                        + "record before it. The newest record read of each:</p><table><tr><th>collector</th>"
                        + "<th>record</th><th>hash</th></tr>");
        for (ChainHead.NodeHead head : chain.nodes()) {
            html.append("<tr><td>")
                    .append(Html.escape(head.node()))
                    .append("</td><td>")
                    .append(head.seq())
                    .append("</td><td class=\"hash\">")
                    .append(Html.escape(head.hash()))
                    .append("</td></tr>");
        }
        html.append("</table><p>Their fleet head (SHA-256 of the lines <code>NODE RECORD HASH</code>) is</p>")
                .append("<p class=\"hash\" id=\"head-hash\">")
                .append(Html.escape(chain.hash()))
                .append("</p><p>To verify: on any collector, run <code>hashfence-collector verify --config FILE</code>"
                        + " (FILE names the shared store). It recomputes every hash of every collector's chain, must "
                        + "report each intact, and prints the fleet head, which equals the one above as long as no "
                        + "collector has written since.</p>");
    }

    private static void summary(StringBuilder html, Report report, WorldMap map) {
        FleetSummary fleet = report.fleet();
        html.append("<h2 id=\"summary\">Fleet summary</h2><div class=\"figures\">");
        figure(html, "Rigs", Integer.toString(fleet.rigs()));
        figure(html, "Hashrate at end of period", HumanUnits.hashrate(fleet.hashrateHs()));
        figure(html, "Rig-time in restricted places", HumanUnits.duration(fleet.timeInRestricted()));
        figure(html, "Violations", Integer.toString(fleet.violations()));
        figure(
                html,
                "Alerts opened / resolved / acknowledged",
                fleet.alerts().opened() + " / " + fleet.alerts().resolved() + " / "
                        + fleet.alerts().acknowledged());
        html.append("</div><h3>Rigs and hashrate by country at the end of the period</h3><table id=\"by-country\">");
        Html.head(html, "Country", "Rigs", "Hashrate");
        html.append("<tbody>");
        for (CountryTotal total : fleet.byCountry()) {
            String country = total.country() == null
                    ? "No known country (no location or at sea)"
                    : country(total.country(), total.claimedBy(), total.control(), map);
            String hashrate = HumanUnits.hashrate(total.hashrateHs())
                    + (total.rigsWithoutHashrate() == 0
                            ? ""
                            : " (" + total.rigsWithoutHashrate() + (total.rigsWithoutHashrate() == 1 ? " rig" : " rigs")
                                    + " without a known hashrate)");
            Html.row(
                    html,
                    "country-row",
                    List.of(Html.escape(country), Integer.toString(total.rigs()), Html.escape(hashrate)));
        }
        html.append("</tbody></table>");
    }

    private static void figure(StringBuilder html, String label, String value) {
        html.append("<div class=\"figure\"><b>")
                .append(Html.escape(value))
                .append("</b>")
                .append(Html.escape(label))
                .append("</div>");
    }

    private static void mapSection(StringBuilder html, Report report, WorldMap map) {
        Set<String> restricted = report.policyAtEnd()
                .map(p -> p.restricted().stream().map(RestrictedPlace::code).collect(Collectors.toSet()))
                .orElse(Set.of());
        List<WorldMap.Dot> dots = new ArrayList<>();
        int unplaced = 0;
        for (RigReport rig : report.rigs()) {
            RigStatus end = rig.atEnd();
            if (end.lat() == null) {
                unplaced++;
            } else {
                dots.add(new WorldMap.Dot(
                        rig.site() + "/" + rig.rig() + ": " + end.state().label() + ", " + describe(end.place(), map),
                        end.lat(),
                        end.lon(),
                        end.state()));
            }
        }
        html.append("<h2 id=\"map\">Map at the end of the period</h2><p>Shaded: jurisdictions restricted by the "
                + "policy in force at the end of the period. Each dot is a rig at its last reported position.</p>");
        html.append(map.svg(restricted, dots));
        html.append("<ul class=\"legend\"><li><span class=\"swatch area\" style=\"background:")
                .append(WorldMap.RESTRICTED_FILL)
                .append("\"></span>Restricted jurisdiction</li>");
        for (ComplianceState state : ComplianceState.values()) {
            html.append("<li><span class=\"swatch\" style=\"background:")
                    .append(WorldMap.colour(state))
                    .append("\"></span>Rig: ")
                    .append(stateName(state))
                    .append("</li>");
        }
        html.append("</ul>");
        if (unplaced > 0) {
            html.append("<p class=\"muted\">")
                    .append(unplaced)
                    .append(unplaced == 1 ? " rig has" : " rigs have")
                    .append(" no known position and ")
                    .append(unplaced == 1 ? "is" : "are")
                    .append(" not on the map.</p>");
        }
    }

    private static void violations(StringBuilder html, Report report, WorldMap map) {
        html.append("<h2 id=\"violations\">Violations: time rigs spent in restricted places</h2>");
        if (report.fleet().violations() == 0) {
            html.append("<p>No rig was in a restricted place during this period.</p>");
            return;
        }
        html.append("<p>One row per continuous time a rig was in one restricted place. \"Time in period\" counts "
                + "only the part within the report's period.</p><table id=\"violation-table\">");
        Html.head(
                html,
                "Site",
                "Rig",
                "Where",
                "Restriction",
                "Started",
                "Ended",
                "Time in period",
                "Location trust",
                "Evidence");
        html.append("<tbody>");
        for (RigReport rig : report.rigs()) {
            for (Violation v : rig.violations()) {
                RestrictedPlace r = v.restriction();
                String restriction = r == null
                        ? "not recorded"
                        : r.code() + " (" + r.severity().label() + "): " + (r.reason() == null ? "" : r.reason());
                Html.row(
                        html,
                        "violation-row",
                        List.of(
                                Html.escape(rig.site()),
                                Html.escape(rig.rig()),
                                Html.escape(describe(v.place(), map)
                                        + (v.borderKm() == null
                                                ? ""
                                                : String.format(
                                                        Locale.ROOT, ", %.1f km from the border", v.borderKm()))),
                                Html.escape(restriction),
                                Html.escape((v.beganBeforeCheckpoint() ? "at or before " : "")
                                        + HumanUnits.time(v.start())),
                                v.ongoing()
                                        ? "<b>still in violation at the end of the period</b>"
                                        : Html.escape(HumanUnits.time(v.end())),
                                Html.escape(HumanUnits.duration(v.durationInPeriod())),
                                Html.escape(v.trust().label()),
                                Html.escape(v.evidence() == null ? "not recorded" : v.evidence())));
            }
        }
        html.append("</tbody></table>");
    }

    private static void clearances(StringBuilder html, Report report) {
        html.append("<h2 id=\"clearances\">Spoofing suspicions cleared by operators</h2>");
        if (report.rigs().stream().allMatch(rig -> rig.clearances().isEmpty())) {
            html.append("<p>No operator cleared a spoofing suspicion during this period.</p>");
            return;
        }
        html.append("<p>A spoofing suspicion is never cleared automatically; each row is an operator's "
                + "recorded decision.</p><table id=\"clearance-table\">");
        Html.head(html, "Site", "Rig", "Cleared", "By", "Reason given", "What was suspected");
        html.append("<tbody>");
        for (RigReport rig : report.rigs()) {
            for (Clearance c : rig.clearances()) {
                Html.row(
                        html,
                        "clearance-row",
                        List.of(
                                Html.escape(rig.site()),
                                Html.escape(rig.rig()),
                                Html.escape(HumanUnits.time(c.at())),
                                Html.escape(c.by()),
                                Html.escape(c.reason()),
                                Html.escape(c.suspicion())));
            }
        }
        html.append("</tbody></table>");
    }

    private static final Map<String, String> SCREENING_TITLES = Map.of(
            "PayoutToSanctionedAddress", "Payouts to sanctioned addresses",
            "PoolInRestrictedJurisdiction", "Pools in restricted places or on the deny list",
            "RigOnSanctionedNetwork", "Rigs on designated hosting networks");

    /** One subsection per kind of screening alert: where the money and the traffic went. */
    private static void screening(StringBuilder html, Report report) {
        html.append("<h2 id=\"screening\">Sanctions screening: payouts, pools and hosting networks</h2><p>Alerts "
                + "of the screening stage open at any time during the period, with the evidence recorded when each "
                + "fired (address, asset and list date; located pool address; designated network).</p>");
        report.screening().forEach((alertname, alerts) -> {
            html.append("<h3 id=\"screening-")
                    .append(Html.escape(alertname))
                    .append("\">")
                    .append(Html.escape(SCREENING_TITLES.getOrDefault(alertname, alertname)))
                    .append(" (")
                    .append(Html.escape(alertname))
                    .append(")</h3>");
            if (alerts.isEmpty()) {
                html.append("<p>None during this period.</p>");
                return;
            }
            html.append("<table class=\"screening-table\">");
            Html.head(html, "Site", "Rig", "Severity", "Country", "Fired", "Resolved", "Summary", "Evidence");
            html.append("<tbody>");
            for (ScreeningAlert alert : alerts) {
                Html.row(
                        html,
                        "screening-row",
                        List.of(
                                Html.escape(alert.site()),
                                Html.escape(alert.rig()),
                                Html.escape(alert.severity()),
                                Html.escape(alert.country()),
                                Html.escape(HumanUnits.time(alert.firedAt())),
                                alert.ongoing()
                                        ? "<b>still open at the end of the period</b>"
                                        : Html.escape(HumanUnits.time(alert.resolvedAt())),
                                Html.escape(alert.summary()),
                                Html.escape(alert.evidence())));
            }
            html.append("</tbody></table>");
        });
    }

    /** The exemptions in force during the period, then what each spared which rig. */
    private static void exemptions(StringBuilder html, Report report) {
        html.append("<h2 id=\"exemptions\">Exemptions</h2><p>Exemptions of the policy in force at any time during "
                + "the period: from the location restrictions, or from a screening alert (a licence, a wind-down). "
                + "Each is recorded in the event log when the policy brings it.</p>");
        if (report.exemptions().isEmpty()) {
            html.append("<p>None during this period.</p>");
            return;
        }
        html.append("<table id=\"exemption-table\">");
        Html.head(html, "Spares", "Scope", "Reason", "Granted", "Expires", "Withdrawn");
        html.append("<tbody>");
        for (ExemptionInForce exemption : report.exemptions()) {
            Html.row(
                    html,
                    "exemption-row",
                    List.of(
                            Html.escape(exemption.spares()),
                            Html.escape(exemption.scope()),
                            Html.escape(exemption.reason()),
                            exemption.grantedAt() == null
                                    ? "before the log's first record"
                                    : Html.escape(HumanUnits.time(exemption.grantedAt())),
                            Html.escape(HumanUnits.time(exemption.expires())),
                            exemption.withdrawnAt() == null
                                    ? ""
                                    : Html.escape(HumanUnits.time(exemption.withdrawnAt()))));
        }
        html.append("</tbody></table><h3 id=\"exemptions-spared\">Screening alerts spared</h3>");
        if (report.exemptions().stream().allMatch(e -> e.spared().isEmpty())) {
            html.append("<p>None during this period.</p>");
            return;
        }
        html.append("<table id=\"spared-table\">");
        Html.head(html, "Site", "Rig", "Alert", "Severity", "Exemption", "From", "Until", "Summary", "Evidence");
        html.append("<tbody>");
        for (ExemptionInForce exemption : report.exemptions()) {
            for (SparedScreeningAlert spared : exemption.spared()) {
                Html.row(
                        html,
                        "spared-row",
                        List.of(
                                Html.escape(spared.site()),
                                Html.escape(spared.rig()),
                                Html.escape(spared.alert()),
                                Html.escape(spared.severity()),
                                Html.escape(exemption.reason()),
                                Html.escape(HumanUnits.time(spared.from())),
                                spared.ongoing()
                                        ? "<b>still spared at the end of the period</b>"
                                        : Html.escape(
                                                HumanUnits.time(spared.until()) + " (" + spared.endedBecause() + ")"),
                                Html.escape(spared.summary()),
                                Html.escape(spared.evidence())));
            }
        }
        html.append("</tbody></table>");
    }

    private static void rigs(StringBuilder html, Report report, WorldMap map) {
        html.append("<h2 id=\"rigs\">Rigs at the end of the period</h2><table id=\"rig-table\">");
        Html.head(
                html,
                "Site",
                "Rig",
                "Model",
                "State",
                "Where",
                "Location trust",
                "Trust levels seen in period",
                "Hashrate",
                "Exemption");
        html.append("<tbody>");
        for (RigReport rig : report.rigs()) {
            RigStatus end = rig.atEnd();
            String trustSeen =
                    rig.trustSeen().stream().sorted().map(Trust::label).collect(Collectors.joining(", "));
            Html.row(
                    html,
                    "rig-row",
                    List.of(
                            Html.escape(rig.site()),
                            Html.escape(rig.rig()),
                            Html.escape(rig.model() == null ? "unknown" : rig.model()),
                            "<span class=\"state " + end.state().label() + "\">" + stateName(end.state()) + "</span>",
                            Html.escape(describe(end.place(), map)),
                            Html.escape(end.trust().label()),
                            Html.escape(trustSeen),
                            Html.escape(end.hashrateHs() == null ? "unknown" : HumanUnits.hashrate(end.hashrateHs())),
                            Html.escape(end.exemption())));
        }
        html.append("</tbody></table>");
    }

    private static void stays(StringBuilder html, Report report, WorldMap map) {
        html.append("<h2 id=\"jurisdictions\">Where each rig was, and for how long</h2><p>Times are clipped to the "
                + "report's period.</p><table id=\"jurisdiction-table\">");
        Html.head(html, "Site", "Rig", "Where", "From", "Until", "Duration");
        html.append("<tbody>");
        for (RigReport rig : report.rigs()) {
            for (JurisdictionStay stay : rig.stays()) {
                Html.row(
                        html,
                        "jurisdiction-row",
                        List.of(
                                Html.escape(rig.site()),
                                Html.escape(rig.rig()),
                                Html.escape(describe(stay.place(), map)),
                                Html.escape(HumanUnits.time(stay.start())),
                                Html.escape(HumanUnits.time(stay.end())),
                                Html.escape(HumanUnits.duration(stay.duration()))));
            }
        }
        html.append("</tbody></table>");
    }

    private static void policies(StringBuilder html, Report report, WorldMap map) {
        html.append("<h2 id=\"policy\">Sanctions policy in force</h2>");
        if (report.policies().isEmpty()) {
            html.append("<p>The log records no policy before the end of the period.</p>");
            return;
        }
        for (PolicyInForce policy : report.policies()) {
            html.append("<h3>")
                    .append(Html.escape(policy.origin()))
                    .append(", loaded ")
                    .append(HumanUnits.time(policy.since()))
                    .append("</h3><p>Rigs within ")
                    .append(policy.nearBorderKm())
                    .append(" km of a restricted jurisdiction are in warning.</p>")
                    .append("<table class=\"policy-table\">");
            Html.head(html, "Restricted jurisdiction", "Code", "Severity", "Reason");
            html.append("<tbody>");
            for (RestrictedPlace r : policy.restricted()) {
                Html.row(
                        html,
                        "policy-row",
                        List.of(
                                Html.escape(map.name(r.code())),
                                Html.escape(r.code()),
                                Html.escape(r.severity().label()),
                                Html.escape(r.reason())));
            }
            html.append("</tbody></table>");
        }
    }

    private static String describe(Place place, WorldMap map) {
        if (!place.isKnown()) {
            return "no location";
        }
        return switch (place.zone()) {
            case INTERNATIONAL -> "international waters";
            case TERRITORIAL -> "territorial waters of " + named(place, map);
            case LAND -> named(place, map);
        };
    }

    private static String named(Place place, WorldMap map) {
        String country = country(place.country(), place.claimedBy(), place.control(), map);
        return place.subdivision() == null
                ? country
                : map.name(place.subdivision()) + " (" + place.subdivision() + "), " + country;
    }

    /** "Russia (RU) de facto, claimed by Ukraine (UA)", "Ukraine (UA), contested by Russia (RU)", "Chile (CL)". */
    private static String country(String code, String claimedBy, Control control, WorldMap map) {
        String country = map.name(code) + " (" + code + ")";
        return switch (control) {
            case UNDISPUTED -> country;
            case DE_FACTO -> country + " de facto, claimed by " + map.name(claimedBy) + " (" + claimedBy + ")";
            case CONTESTED -> country + ", contested by " + map.name(claimedBy) + " (" + claimedBy + ")";
        };
    }

    private static String stateName(ComplianceState state) {
        return switch (state) {
            case COMPLIANT -> "compliant";
            case WARNING -> "warning (near a restricted border)";
            case VIOLATION -> "violation (in a restricted place)";
            case UNKNOWN -> "unknown (no usable location)";
        };
    }
}
