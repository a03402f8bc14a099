package io.hashfence.collector.store;

import static io.hashfence.collector.store.SharedStoreCollectors.awaitAccepted;
import static io.hashfence.collector.store.SharedStoreCollectors.sites;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The location history the evidence rules keep moves with a site between two collectors on one real PostgreSQL
 * ({@link PostgresExtension}): a spoofer whose site fails over gets no clean slate. Both collectors run on one test
 * clock, which the test moves forward between the messages, as time passes between a rig's reports.
 */
class LocationHistoryAcrossCollectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] MIDLAND_TEXAS = {31.97, -102.08};
    private static final double[] OSLO = {59.91, 10.75};

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void aRigSeenInTexasOnOneCollectorThatClaimsOsloOnTheNextAMinuteLaterTravelledImpossibly() throws Exception {
        String site = "texas-moving";
        String rig = "s19-0001";
        try (RunningCollector one = start("travel-one", ComplianceConfig.defaults());
                RunningCollector two = start("travel-two", ComplianceConfig.defaults())) {
            String token = sites(postgres, "add", site);
            try (MqttTestClient agent = awaitAccepted(one, site, token)) {
                agent.publishAcknowledged(located(site, rig, 1, MIDLAND_TEXAS, "static"));
            }
            Await.until(
                    "the first collector has written the rig's location history to the shared store",
                    () -> storedHistoryBytes(site, rig) > 0);

            clock.advance(Duration.ofMinutes(1));
            try (MqttTestClient moved = awaitAccepted(two, site, token)) {
                moved.publishAcknowledged(located(site, rig, 2, OSLO, "static"));
            }

            assertThat(evidence(two, site, rig, "impossible_travel"))
                    .as("judged against the fix the first collector received")
                    .startsWith("moved 8112 km in 1.0 min");
            assertThat(firingTypes(two, rig))
                    .as("its claim is unverified, and it relocated")
                    .contains(AlertType.LOCATION_UNVERIFIED, AlertType.RELOCATED);
        }
    }

    @Test
    void aRunOfFrozenGpsFixesBegunOnOneCollectorIsSpoofingOnTheOneItsSiteMovesTo() throws Exception {
        String site = "frozen-moving";
        String rig = "s19-0002";
        // Four fixes within a centimetre are frozen: two reach the first collector, two the second.
        ComplianceConfig fourFixes =
                new ComplianceConfig(null, Duration.ofHours(1), 1000, 1.0, 4, null, Duration.ofSeconds(30));
        try (RunningCollector two = start("frozen-two", fourFixes)) {
            RunningCollector one = start("frozen-one", fourFixes);
            String token = sites(postgres, "add", site);
            try (one;
                    MqttTestClient agent = awaitAccepted(one, site, token)) {
                for (long seq = 1; seq <= 2; seq++) {
                    agent.publishAcknowledged(located(site, rig, seq, MIDLAND_TEXAS, "gps"));
                    clock.advance(Duration.ofSeconds(10));
                }
            }
            // the first collector stopped: its last write has the history of both fixes

            try (MqttTestClient moved = awaitAccepted(two, site, token)) {
                moved.publishAcknowledged(located(site, rig, 3, MIDLAND_TEXAS, "gps"));
                assertThat(evidenceKinds(two, site, rig)).doesNotContain("frozen_coordinates");
                clock.advance(Duration.ofSeconds(10));
                moved.publishAcknowledged(located(site, rig, 4, MIDLAND_TEXAS, "gps"));
            }

            assertThat(evidence(two, site, rig, "frozen_coordinates"))
                    .as("the run counts the fixes the first collector received")
                    .startsWith("4 consecutive GPS fixes");
            assertThat(firingTypes(two, rig)).contains(AlertType.SPOOF_SUSPECTED);
        }
    }

    private RunningCollector start(String node, ComplianceConfig compliance) throws Exception {
        return new RunningCollector(
                dir.resolve(node),
                clock,
                config -> config.withStore(new StoreConfig(postgres.jdbcUrl(), null, node))
                        .withCompliance(compliance));
    }

    /** A message at a position, sent and fixed at the test clock's now. */
    private ObjectNode located(String site, String rig, long seq, double[] point, String source) {
        String now = clock.instant().toString();
        ObjectNode message = TestTelemetry.at(site, rig, seq, point[0], point[1]);
        message.put("time", now);
        ((ObjectNode) message.get("location")).put("source", source).put("fix_time", now);
        return message;
    }

    private static String evidence(RunningCollector collector, String site, String rig, String kind) throws Exception {
        for (JsonNode finding : rigView(collector, site, rig).at("/compliance/evidence")) {
            if (kind.equals(finding.get("kind").asText())) {
                return finding.get("detail").asText();
            }
        }
        throw new AssertionError(
                "no " + kind + " in " + rigView(collector, site, rig).at("/compliance/evidence"));
    }

    private static String evidenceKinds(RunningCollector collector, String site, String rig) throws Exception {
        return rigView(collector, site, rig).at("/compliance/evidence").toString();
    }

    private static JsonNode rigView(RunningCollector collector, String site, String rig) throws Exception {
        HttpResponse<String> response = collector.get("/api/v1/rigs/" + site + "/" + rig);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int storedHistoryBytes(String site, String rig) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                PreparedStatement select = connection.prepareStatement(
                        "SELECT coalesce(length(history), 0) FROM rig_snapshot WHERE site = ? AND rig = ?")) {
            select.setString(1, site);
            select.setString(2, rig);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    private static List<AlertType> firingTypes(RunningCollector collector, String rig) {
        return collector.collector().alerts().firing().stream()
                .filter(alert -> alert.rig().rig().value().equals(rig))
                .map(Alert::type)
                .toList();
    }
}
