package io.hashfence.collector.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.audit.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's exemptions, from the records a collector writes: granted with the policy, withdrawn by a reload
 * that drops them or by a start whose policy no longer has them, and the screening alerts each spared.
 */
class ExemptionsReportTest {
    private static final String FROM = "2026-10-01T00:00:00Z";
    private static final String TO = "2026-11-01T00:00:00Z";
    private static final String LICENCE = "OFAC specific licence 2026-17";

    @Test
    void anExemptionGrantedBeforeThePeriodShowsWithTheAlertsItSparedInThePeriod() {
        Report report = licensed("2026-09-20T00:00:00Z", "2026-10-20T00:00:00Z")
                .add(
                        "2026-09-25T00:00:00Z",
                        EventType.SCREENING_EXEMPTION_APPLIED,
                        "licensed-01",
                        "old-01",
                        spared("2026-10-20T00:00:00Z"))
                .add(
                        "2026-09-26T00:00:00Z",
                        EventType.SCREENING_EXEMPTION_ENDED,
                        "licensed-01",
                        "old-01",
                        ended("2026-10-20T00:00:00Z", "finding gone"))
                .add(
                        "2026-10-02T00:00:00Z",
                        EventType.SCREENING_EXEMPTION_APPLIED,
                        "licensed-01",
                        "s19-0001",
                        spared("2026-10-20T00:00:00Z"))
                .add(
                        "2026-10-20T00:00:05Z",
                        EventType.SCREENING_EXEMPTION_ENDED,
                        "licensed-01",
                        "s19-0001",
                        ended("2026-10-20T00:00:00Z", "expired"))
                .report(FROM, TO);

        assertThat(report.exemptions()).hasSize(1);
        ExemptionInForce exemption = report.exemptions().get(0);
        assertThat(exemption.spares()).isEqualTo("RigOnSanctionedNetwork");
        assertThat(exemption.scope()).isEqualTo("site licensed-01");
        assertThat(exemption.reason()).isEqualTo(LICENCE);
        assertThat(exemption.grantedAt()).isEqualTo("2026-09-20T00:00:00Z");
        assertThat(exemption.withdrawnAt()).isNull();
        assertThat(exemption.endedAt()).isEqualTo("2026-10-20T00:00:00Z");
        assertThat(exemption.spared())
                .as("what it spared before the period is left out")
                .extracting(SparedScreeningAlert::rig, SparedScreeningAlert::until, SparedScreeningAlert::endedBecause)
                .containsExactly(tuple("s19-0001", Instant.parse("2026-10-20T00:00:05Z"), "expired"));
        assertThat(exemption.spared().get(0).evidence()).contains("127.0.0.0/8");
    }

    @Test
    void aReloadThatDropsAnExemptionWithdrawsIt() {
        Report report = licensed("2026-09-20T00:00:00Z", "2027-01-01T00:00:00Z")
                .add(
                        "2026-10-05T00:00:00Z",
                        EventType.POLICY_CHANGED,
                        null,
                        null,
                        changed(network("2027-01-01T00:00:00Z")))
                .report(FROM, TO);

        assertThat(report.exemptions())
                .extracting(ExemptionInForce::withdrawnAt, ExemptionInForce::endedAt)
                .containsExactly(tuple(Instant.parse("2026-10-05T00:00:00Z"), Instant.parse("2026-10-05T00:00:00Z")));
    }

    @Test
    void aStartRecordsThePolicysExemptionsAgainAndOneNotRecordedAgainWasWithdrawn() {
        ObjectNode location = location("2027-01-01T00:00:00Z");
        Report report = licensed("2026-09-20T00:00:00Z", "2027-01-01T00:00:00Z")
                .add("2026-09-20T00:00:00Z", EventType.EXEMPTION_ADDED, "hosting-01", "s19-0002", location)
                .policy("2026-10-10T00:00:00Z", "policy.yml", "RU")
                .add("2026-10-10T00:00:00Z", EventType.EXEMPTION_ADDED, "hosting-01", "s19-0002", location)
                .report(FROM, TO);

        assertThat(report.exemptions())
                .extracting(ExemptionInForce::spares, ExemptionInForce::grantedAt, ExemptionInForce::withdrawnAt)
                .containsExactly(
                        tuple(
                                "RigOnSanctionedNetwork",
                                Instant.parse("2026-09-20T00:00:00Z"),
                                Instant.parse("2026-10-10T00:00:00Z")),
                        tuple(ExemptionLedger.LOCATION, Instant.parse("2026-09-20T00:00:00Z"), null));
    }

    @Test
    void anExemptionThatExpiredOrWasWithdrawnBeforeThePeriodIsLeftOut() {
        Report report = licensed("2026-08-01T00:00:00Z", "2026-09-01T00:00:00Z")
                .add(
                        "2026-08-01T00:00:00Z",
                        EventType.EXEMPTION_ADDED,
                        "hosting-01",
                        "s19-0002",
                        location("2027-01-01T00:00:00Z"))
                .add(
                        "2026-09-15T00:00:00Z",
                        EventType.POLICY_CHANGED,
                        null,
                        null,
                        changed(location("2027-01-01T00:00:00Z")))
                .report(FROM, TO);

        assertThat(report.exemptions()).isEmpty();
    }

    @Test
    void theRenderersCarryTheExemptions() throws Exception {
        Report report = licensed("2026-09-20T00:00:00Z", "2026-10-20T00:00:00Z")
                .add(
                        "2026-10-02T00:00:00Z",
                        EventType.SCREENING_EXEMPTION_APPLIED,
                        "licensed-01",
                        "s19-0001",
                        spared("2026-10-20T00:00:00Z"))
                .report(FROM, TO);

        String csv = new String(CsvReport.render(report), StandardCharsets.UTF_8);
        assertThat(csv)
                .contains("exemption,,,,,,2026-09-20T00:00:00Z,2026-10-20T00:00:00Z,,,,RigOnSanctionedNetwork,,"
                        + LICENCE + ",site licensed-01,")
                .contains("exemption_spared,licensed-01,s19-0001,,,,2026-10-02T00:00:00Z,,,true,,"
                        + "RigOnSanctionedNetwork,critical," + LICENCE + ",");
        String html = new String(HtmlReport.render(report), StandardCharsets.UTF_8);
        assertThat(html)
                .contains("id=\"exemptions\"", "id=\"exemption-table\"", "id=\"spared-table\"")
                .contains("still spared at the end of the period");
    }

    /** A policy loaded at {@code at} with the licence exempting site licensed-01 from RigOnSanctionedNetwork. */
    private static FleetHistory licensed(String at, String expires) {
        return new FleetHistory()
                .policy(at, "policy.yml", "RU")
                .add(at, EventType.EXEMPTION_ADDED, null, null, network(expires));
    }

    private static ObjectNode network(String expires) {
        return Where.JSON
                .createObjectNode()
                .put("scope", "site licensed-01")
                .put("reason", LICENCE)
                .put("expires", expires)
                .put("site", "licensed-01")
                .put("screening", true)
                .put("alert", "RigOnSanctionedNetwork");
    }

    private static ObjectNode location(String expires) {
        return Where.JSON
                .createObjectNode()
                .put("scope", "rig hosting-01/s19-0002")
                .put("reason", "wind-down licence 2026-18")
                .put("expires", expires);
    }

    private static ObjectNode spared(String expires) {
        return Where.JSON
                .createObjectNode()
                .put("alert", "RigOnSanctionedNetwork")
                .put("scope", "site licensed-01")
                .put("reason", LICENCE)
                .put("expires", expires)
                .put("severity", "critical")
                .put("summary", "rig connects from a designated hosting network")
                .put("evidence", "connected from 127.0.0.1 in 127.0.0.0/8 (test hosting provider)");
    }

    private static ObjectNode ended(String expires, String because) {
        return Where.JSON
                .createObjectNode()
                .put("alert", "RigOnSanctionedNetwork")
                .put("scope", "site licensed-01")
                .put("reason", LICENCE)
                .put("expires", expires)
                .put("because", because);
    }

    private static ObjectNode changed(ObjectNode... removed) {
        ObjectNode data = Where.JSON.createObjectNode();
        data.put("origin", "policy.yml");
        data.put("near_border_km", 25.0);
        data.putArray("restricted");
        data.putArray("exemptions_removed").addAll(List.of(removed));
        return data;
    }
}
