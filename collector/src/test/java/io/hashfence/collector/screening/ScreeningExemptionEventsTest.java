package io.hashfence.collector.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.audit.AuditEvent;
import io.hashfence.collector.audit.ChainVerifier;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.audit.EventType;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.testing.CollectorCli;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a running collector: a screening exemption is recorded in the event log when the policy brings it
 * ({@code exemption_added}), when it begins to spare a rig an alert ({@code screening_exemption_applied}, with
 * the finding) and when it stops ({@code screening_exemption_ended}, here because it expired, after which the
 * alert opens); a restart does not record an exemption that still applies a second time; {@code verify}
 * passes on the log; and the report lists the exemptions in force, the alerts each spared, and the one a policy
 * reload withdrew.
 */
class ScreeningExemptionEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORK = "screening:\n  networks:\n    designated:\n"
            + "      - cidr: 127.0.0.0/8\n        reason: test hosting provider\n";

    @TempDir
    Path dir;

    @Test
    void aScreeningExemptionIsRecordedWhenItAppliesAndWhenItExpires() throws Exception {
        Path data = dir.resolve("data");
        Path policy = dir.resolve("policy.yml");
        // The collector's clock: the exemption expires when the test moves it past an hour.
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Instant expires = clock.instant().plus(Duration.ofHours(1));
        Files.writeString(
                policy,
                "include: [ofac-comprehensive]\n" + NETWORK + "  exemptions:\n"
                        + "    - site: licensed-01\n      alert: RigOnSanctionedNetwork\n"
                        + "      reason: OFAC specific licence 2026-17\n      expires: " + expires + "\n"
                        + "    - site: longterm-01\n      rig: s19-0002\n"
                        + "      reason: wind-down licence 2026-18\n      expires: 2099-01-01T00:00:00Z\n");
        String longterm;
        try (RunningCollector collector = new RunningCollector(data, clock, config -> quickly(config, policy))) {
            String licensed = collector.addSite("licensed-01");
            longterm = collector.addSite("longterm-01");
            publish(collector, "licensed-01", licensed, "s19-0001", 1);
            publish(collector, "longterm-01", longterm, "s19-0002", 1);

            assertThat(events(data, EventType.EXEMPTION_ADDED))
                    .filteredOn(e -> e.data().path("screening").asBoolean())
                    .extracting(e -> e.data().get("scope").asText() + ", "
                            + e.data().get("alert").asText())
                    .containsExactly(
                            "site licensed-01, RigOnSanctionedNetwork",
                            "rig longterm-01/s19-0002, every screening alert");
            AuditEvent applied = Await.value(
                    "the licensed rig's exemption is recorded as applied",
                    () -> events(data, EventType.SCREENING_EXEMPTION_APPLIED).stream()
                            .filter(e -> "licensed-01".equals(e.site()))
                            .findFirst());
            assertThat(applied.rig()).isEqualTo("s19-0001");
            assertThat(applied.data().get("alert").asText()).isEqualTo("RigOnSanctionedNetwork");
            assertThat(applied.data().get("scope").asText()).isEqualTo("site licensed-01");
            assertThat(applied.data().get("reason").asText()).isEqualTo("OFAC specific licence 2026-17");
            assertThat(applied.data().get("expires").asText()).isEqualTo(expires.toString());
            assertThat(applied.data().get("severity").asText()).isEqualTo("critical");
            assertThat(applied.data().get("evidence").asText()).contains("127.0.0.1", "127.0.0.0/8");

            assertThat(collector.get("/api/v1/alerts").body())
                    .as("spared while the exemption applies")
                    .doesNotContain("RigOnSanctionedNetwork");

            clock.advance(Duration.ofHours(2));
            AuditEvent ended = Await.value(
                    "the exemption's end is recorded once it expires",
                    () -> events(data, EventType.SCREENING_EXEMPTION_ENDED).stream()
                            .findFirst());
            assertThat(ended.site()).isEqualTo("licensed-01");
            assertThat(ended.rig()).isEqualTo("s19-0001");
            assertThat(ended.data().get("because").asText()).isEqualTo("expired");
            assertThat(ended.data().get("reason").asText()).isEqualTo("OFAC specific licence 2026-17");
            assertThat(ended.time()).isAfterOrEqualTo(expires);
            AuditEvent opened = Await.value(
                    "the alert the exemption spared opens",
                    () -> events(data, EventType.ALERT_OPENED).stream()
                            .filter(e -> "licensed-01".equals(e.site()))
                            .findFirst());
            assertThat(opened.data().get("alertname").asText()).isEqualTo("RigOnSanctionedNetwork");
            assertThat(opened.seq()).as("no alert while the exemption applied").isGreaterThan(ended.seq());
        }

        try (RunningCollector restarted = new RunningCollector(data, clock, config -> quickly(config, policy))) {
            publish(restarted, "longterm-01", longterm, "s19-0002", 2);
        }
        assertThat(events(data, EventType.SCREENING_EXEMPTION_APPLIED))
                .as("the restarted collector remembers the exemption it recorded as applied")
                .extracting(AuditEvent::site)
                .containsExactlyInAnyOrder("licensed-01", "longterm-01");
        CollectorCli.Result verify = CollectorCli.run("verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
    }

    @Test
    void theReportListsTheExemptionsInForceAndTheAlertsTheySpared() throws Exception {
        Path data = dir.resolve("data");
        Path policy = dir.resolve("policy.yml");
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Instant start = clock.instant();
        Instant expires = start.plus(Duration.ofHours(1));
        String licensed = "    - site: licensed-01\n      alert: RigOnSanctionedNetwork\n"
                + "      reason: OFAC specific licence 2026-17\n      expires: " + expires + "\n";
        Files.writeString(
                policy,
                "include: [ofac-comprehensive]\n" + NETWORK + "  exemptions:\n" + licensed
                        + "    - site: longterm-01\n      rig: s19-0002\n"
                        + "      reason: wind-down licence 2026-18\n      expires: 2099-01-01T00:00:00Z\n");
        try (RunningCollector collector = new RunningCollector(data, clock, config -> quickly(config, policy))) {
            String licensedToken = collector.addSite("licensed-01");
            String longterm = collector.addSite("longterm-01");
            publish(collector, "licensed-01", licensedToken, "s19-0001", 1);
            publish(collector, "longterm-01", longterm, "s19-0002", 1);
            Await.until(
                    "both exemptions are recorded as applied",
                    () -> events(data, EventType.SCREENING_EXEMPTION_APPLIED).size() == 2);

            Path next = dir.resolve("policy.yml.next");
            Files.writeString(next, "include: [ofac-comprehensive]\n" + NETWORK + "  exemptions:\n" + licensed);
            Files.move(next, policy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AuditEvent changed = Await.value(
                    "the reload that drops the wind-down licence is recorded",
                    () -> events(data, EventType.POLICY_CHANGED).stream().findFirst());
            assertThat(changed.data().at("/exemptions_removed/0/reason").asText())
                    .isEqualTo("wind-down licence 2026-18");
            publish(collector, "longterm-01", longterm, "s19-0002", 2);
            clock.advance(Duration.ofHours(2));
            Await.until(
                    "both exemptions stopped sparing their rig",
                    () -> events(data, EventType.SCREENING_EXEMPTION_ENDED).size() == 2);

            JsonNode exemptions = JSON.readTree(collector
                            .get("/api/v1/report?format=json&from=" + start.minus(Duration.ofDays(1)) + "&to="
                                    + clock.instant().plus(Duration.ofMinutes(1)))
                            .body())
                    .get("exemptions");
            assertThat(exemptions)
                    .extracting(e ->
                            e.get("spares").asText() + " | " + e.get("reason").asText())
                    .containsExactly(
                            "RigOnSanctionedNetwork | OFAC specific licence 2026-17",
                            "every screening alert | wind-down licence 2026-18");
            assertThat(exemptions.at("/0/withdrawn_at").isNull()).isTrue();
            assertThat(exemptions.at("/0/spared/0/rig").asText()).isEqualTo("s19-0001");
            assertThat(exemptions.at("/0/spared/0/ended_because").asText()).isEqualTo("expired");
            assertThat(exemptions.at("/0/spared/0/evidence").asText()).contains("127.0.0.0/8");
            assertThat(exemptions.at("/1/withdrawn_at").asText())
                    .isEqualTo(changed.time().toString());
            assertThat(exemptions.at("/1/spared/0/rig").asText()).isEqualTo("s19-0002");
            assertThat(exemptions.at("/1/spared/0/ended_because").asText()).isEqualTo("no longer in the policy");
            assertThat(collector.get("/api/v1/report?format=html").body())
                    .contains("id=\"exemption-table\"", "wind-down licence 2026-18");
        }
    }

    private static CollectorConfig quickly(CollectorConfig config, Path policy) {
        ComplianceConfig compliance = config.withPolicyFile(policy).compliance();
        return config.withCompliance(new ComplianceConfig(
                compliance.policyFile(),
                compliance.locationMaxAge(),
                compliance.maxSpeedKmh(),
                compliance.relocationKm(),
                compliance.frozenFixCount(),
                compliance.collectorLocation(),
                Duration.ofMillis(200)));
    }

    private static void publish(RunningCollector collector, String site, String token, String rig, long seq)
            throws Exception {
        try (MqttTestClient agent = MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, site, token)) {
            agent.connAck();
            agent.publishAcknowledged(TestTelemetry.at(site, rig, seq, 30.6557, -97.0017));
        }
    }

    private static List<AuditEvent> events(Path data, EventType type) throws Exception {
        List<AuditEvent> events = new ArrayList<>();
        ChainVerifier.read(data.resolve(EventLog.FILE_NAME), event -> {
            if (event.type() == type) {
                events.add(event);
            }
        });
        return events;
    }
}
