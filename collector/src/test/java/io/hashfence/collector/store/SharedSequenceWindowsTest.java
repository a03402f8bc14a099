package io.hashfence.collector.store;

import static io.hashfence.collector.store.SharedStoreCollectors.awaitAccepted;
import static io.hashfence.collector.store.SharedStoreCollectors.publishWhileTheStoreIsAway;
import static io.hashfence.collector.store.SharedStoreCollectors.sites;
import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicate check across collectors on one real PostgreSQL ({@link PostgresExtension}): a site's agent that moves
 * to another collector and resends what the first acknowledged has the resends refused as duplicates there, and a
 * PUBACK waits while the store is away.
 */
class SharedSequenceWindowsTest {
    private static final String SITE = "windowed-site";

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    @TempDir
    Path dir;

    @Test
    void aSiteThatMovesToAnotherCollectorKeepsItsDuplicateCheck() throws Exception {
        try (RunningCollector one = SharedStoreCollectors.start(postgres, dir, "one");
                RunningCollector two = SharedStoreCollectors.start(postgres, dir, "two")) {
            String token = sites(postgres, "add", SITE);
            try (MqttTestClient agent = awaitAccepted(one, SITE, token)) {
                for (long seq = 1; seq <= 5; seq++) {
                    agent.publishAcknowledged(TestTelemetry.message(SITE, "rig-1", seq));
                }
            }
            assertThat(MetricsScrape.ingested(one.http(), "accepted")).isEqualTo(5);
            try (MqttTestClient moved = awaitAccepted(two, SITE, token)) {
                // the agent's outbox resends what it had no PUBACK for, then goes on
                moved.publishAcknowledged(TestTelemetry.message(SITE, "rig-1", 4));
                moved.publishAcknowledged(TestTelemetry.message(SITE, "rig-1", 5));
                moved.publishAcknowledged(TestTelemetry.message(SITE, "rig-1", 6));
            }
            assertThat(MetricsScrape.ingested(two.http(), "duplicate")).isEqualTo(2);
            assertThat(MetricsScrape.ingested(two.http(), "accepted")).isEqualTo(1);
            try (MqttTestClient back = awaitAccepted(one, SITE, token)) {
                back.publishAcknowledged(TestTelemetry.message(SITE, "rig-1", 6));
            }
            assertThat(MetricsScrape.ingested(one.http(), "duplicate"))
                    .as("what the second collector acknowledged is a duplicate on the first")
                    .isEqualTo(1);
        }
    }

    @Test
    void theCollectorASiteMovesToListsItsRigsBeforeTheyReportThere() throws Exception {
        try (RunningCollector one = SharedStoreCollectors.start(postgres, dir, "one");
                RunningCollector two = SharedStoreCollectors.start(postgres, dir, "two")) {
            String token = sites(postgres, "add", "listed-site");
            try (MqttTestClient agent = awaitAccepted(one, "listed-site", token)) {
                agent.publishAcknowledged(TestTelemetry.message("listed-site", "rig-a", 1));
                agent.publishAcknowledged(TestTelemetry.message("listed-site", "rig-b", 1));
            }
            Await.until("the first collector has written the site's rigs to the shared store", () -> {
                try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                        Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery(
                                "SELECT count(*) FROM rig_snapshot WHERE site = 'listed-site'")) {
                    rows.next();
                    return rows.getInt(1) == 2;
                }
            });
            RigKey rigB = new RigKey(SiteId.of("listed-site"), RigId.of("rig-b"));
            assertThat(two.collector().registry().find(rigB)).isEmpty();
            try (MqttTestClient moved = awaitAccepted(two, "listed-site", token)) {
                assertThat(two.collector().registry().find(rigB))
                        .as("read from the shared store when the site's connection authenticated")
                        .hasValueSatisfying(rig -> {
                            assertThat(rig.connected()).isFalse();
                            assertThat(rig.latest().seq()).isEqualTo(1);
                        });
                assertThat(moved.isOpen()).isTrue();
            }
        }
    }

    @Test
    void aPubackWaitsWhileTheStoreIsAwayAndGoesOutWhenItIsBack() throws Exception {
        try (RunningCollector one = SharedStoreCollectors.start(postgres, dir, "one")) {
            String token = sites(postgres, "add", "patient-site");
            try (MqttTestClient agent = awaitAccepted(one, "patient-site", token)) {
                publishWhileTheStoreIsAway(
                        postgres,
                        one,
                        agent,
                        "patient-site",
                        "rig-1",
                        2,
                        "store.rig_window",
                        () -> assertThat(MetricsScrape.get(one.http(), "/healthz")
                                        .statusCode())
                                .isEqualTo(503));
                assertThat(MetricsScrape.ingested(one.http(), "accepted")).isEqualTo(2);
            }
        }
    }
}
