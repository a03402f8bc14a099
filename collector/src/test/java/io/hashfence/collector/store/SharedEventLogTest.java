package io.hashfence.collector.store;

import static io.hashfence.collector.store.SharedStoreCollectors.awaitAccepted;
import static io.hashfence.collector.store.SharedStoreCollectors.publishWhileTheStoreIsAway;
import static io.hashfence.collector.store.SharedStoreCollectors.sites;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.testing.CollectorCli;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event logs of two collectors on one real PostgreSQL ({@link PostgresExtension}): each writes its chain to the
 * store as well as to its events.log; {@code verify} and {@code report} with {@code --config} cover both chains
 * from either node, and a record altered in the store is named by node and sequence number.
 */
class SharedEventLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    @TempDir
    Path dir;

    @Test
    void verifyAndReportCoverEveryCollectorsChainAndNameATamperedRecord() throws Exception {
        try (RunningCollector one = SharedStoreCollectors.start(postgres, dir, "log-one");
                RunningCollector two = SharedStoreCollectors.start(postgres, dir, "log-two")) {
            String irkutsk = sites(postgres, "add", "irkutsk-site");
            String texas = sites(postgres, "add", "texas-site");
            try (MqttTestClient agent = awaitAccepted(one, "irkutsk-site", irkutsk)) {
                agent.publishAcknowledged(TestTelemetry.at("irkutsk-site", "rig-irk", 1, 52.29, 104.29));
            }
            try (MqttTestClient agent = awaitAccepted(two, "texas-site", texas)) {
                agent.publishAcknowledged(TestTelemetry.at("texas-site", "rig-tx", 1, 31.97, -102.08));
            }
            Await.until(
                    "the first collector's alert is in its chain in the store",
                    () -> storedRecords("log-one", "%alert_opened%") > 0);
            assertThat(storedRecords("log-two", "%rig-tx%"))
                    .as("the PUBACK waited for the second collector's records in the store")
                    .isPositive();

            Path configOne = config("log-one");
            Path configTwo = config("log-two");
            for (Path config : new Path[] {configOne, configTwo}) {
                CollectorCli.Result verify = CollectorCli.run("verify", "--config", config.toString());
                assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
                assertThat(verify.out())
                        .contains("node log-one: OK: ", "node log-two: OK: ", "the store agrees with events.log");
            }

            CollectorCli.Result report = CollectorCli.run("report", "--config", configTwo.toString());
            assertThat(report.exitCode()).as(report.err()).isZero();
            JsonNode json = JSON.readTree(report.out());
            assertThat(json.at("/fleet/alerts/opened").asInt())
                    .as("the alert the first collector opened, in a report from the second")
                    .isGreaterThanOrEqualTo(1);
            assertThat(json.get("rigs").findValuesAsText("rig")).contains("rig-irk", "rig-tx");
            assertThat(json.at("/chain/head_hash").asText())
                    .as("the fleet head verify prints")
                    .isEqualTo(fleetHead(CollectorCli.run("verify", "--config", configOne.toString())
                            .out()));
            assertThat(json.get("chain").get("nodes").findValuesAsText("node"))
                    .as("each collector's head behind the fleet head")
                    .containsExactly("log-one", "log-two");
            CollectorCli.Result html = CollectorCli.run("report", "--config", configOne.toString(), "--format", "html");
            assertThat(html.exitCode()).as(html.err()).isZero();
            assertThat(html.out()).contains("chain heads", "<td>log-one</td>", "<td>log-two</td>", "verify --config");

            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE event_record SET record = regexp_replace(record, "
                        + "'\"time\":\"[^\"]*\"', '\"time\":\"2020-01-01T00:00:00Z\"') "
                        + "WHERE node = 'log-two' AND seq = 2");
            }
            CollectorCli.Result broken = CollectorCli.run("verify", "--config", configOne.toString());
            assertThat(broken.exitCode()).isEqualTo(1);
            assertThat(broken.out())
                    .contains("node log-two: BROKEN: record 2: hash mismatch")
                    .contains("node log-one: OK: ");
            CollectorCli.Result refused = CollectorCli.run("report", "--config", configOne.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("node log-two", "record 2");

            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM event_record WHERE node = 'log-one' AND seq = 1");
            }
            CollectorCli.Result headless = CollectorCli.run("verify", "--config", configTwo.toString());
            assertThat(headless.exitCode()).isEqualTo(1);
            assertThat(headless.out())
                    .as("a chain's first record removed")
                    .contains("node log-one: BROKEN: record 1: sequence 2 where 1 was expected");
        }
    }

    @Test
    void aCollectorThatJoinsTheStoreCopiesItsEarlierRecordsAndAReplacedDataDirectoryStartsAfresh() throws Exception {
        Path log = dir.resolve("joining").resolve("events.log");
        try (RunningCollector alone = new RunningCollector(dir.resolve("joining"))) {
            Await.until("the collector alone has written its first record", () -> Files.size(log) > 0);
        }
        long written = Files.readAllLines(log).size();

        try (RunningCollector joined = SharedStoreCollectors.start(postgres, dir, "joining")) {
            assertThat(storedRecords("joining", "%")).isGreaterThanOrEqualTo(written);
            CollectorCli.Result verify =
                    CollectorCli.run("verify", "--config", config("joining").toString());
            assertThat(verify.exitCode()).as(verify.out()).isZero();
            assertThat(verify.out()).contains("node joining: OK: ", " records (1 to ");
        }

        Path replaced = dir.resolve("replaced").resolve("joining");
        try (RunningCollector fresh = new RunningCollector(
                replaced, config -> config.withStore(new StoreConfig(postgres.jdbcUrl(), null, "joining")))) {
            CollectorCli.Result verify = CollectorCli.run(
                    "verify", "--config", config("joining", replaced).toString());
            assertThat(verify.exitCode()).as(verify.out()).isZero();
            assertThat(verify.out())
                    .as("a replaced data directory starts its node's chain afresh; the earlier one is kept aside")
                    .containsPattern("node joining~[0-9T:.Z-]+: OK: ")
                    .contains("node joining: OK: ", " records (1 to ", "the store agrees with events.log");
        }
    }

    @Test
    void aPubackWaitsForItsEventsInTheStoreWhileTheStoreIsAway() throws Exception {
        try (RunningCollector one = SharedStoreCollectors.start(postgres, dir, "patient")) {
            String token = sites(postgres, "add", "patient-log-site");
            try (MqttTestClient agent = awaitAccepted(one, "patient-log-site", token)) {
                // a new rig: its rig_first_seen record gates the PUBACK
                publishWhileTheStoreIsAway(
                        postgres,
                        one,
                        agent,
                        "patient-log-site",
                        "rig-2",
                        1,
                        "store.event_record",
                        () -> assertThat(MetricsScrape.get(one.http(), "/healthz")
                                        .body())
                                .contains("store.event_record"));
                assertThat(storedRecords("patient", "%rig-2%"))
                        .as("rig-2's first record reached the store")
                        .isPositive();
            }
            CollectorCli.Result verify =
                    CollectorCli.run("verify", "--config", config("patient").toString());
            assertThat(verify.exitCode()).as(verify.out()).isZero();
            assertThat(verify.out()).contains("node patient: OK: ", "the store agrees with events.log");
        }
    }

    private Path config(String node) throws Exception {
        return config(node, dir.resolve(node));
    }

    private Path config(String node, Path dataDir) throws Exception {
        Path file = dataDir.resolveSibling(node + "-" + dataDir.getFileName() + ".yml");
        Files.writeString(file, """
                data_dir: %s
                store:
                  url: %s
                  node: %s
                """.formatted(dataDir, postgres.jdbcUrl(), node));
        return file;
    }

    private static String fleetHead(String verifyOut) {
        String marker = "fleet head ";
        String line =
                verifyOut.lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        return line.substring(line.indexOf(marker) + marker.length()).strip();
    }

    private static long storedRecords(String node, String like) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM event_record WHERE node = ? AND record LIKE ?")) {
            select.setString(1, node);
            select.setString(2, like);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
