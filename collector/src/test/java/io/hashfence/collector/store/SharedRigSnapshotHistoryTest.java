package io.hashfence.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.compliance.Policy;
import io.hashfence.collector.compliance.PolicyParser;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.config.FleetConfig;
import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigLine;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.collector.storage.StorageMetrics;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import io.hashfence.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rows of {@code rig_snapshot} that carry the location history, written and read by two {@link SharedRigSnapshot}s
 * of two nodes on a real PostgreSQL ({@link PostgresExtension}): the collector a site left does not overwrite what the
 * one it moved to wrote, a rig whose newest message was still being judged when it was written is written again, and a
 * history a collector cannot read stays in the store for one that can.
 */
class SharedRigSnapshotHistoryTest {
    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    static GeoIndex geo;
    static Policy policy;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final SiteId site = SiteId.of("history-rows");
    final RigKey rig = new RigKey(site, RigId.of("s19-0001"));
    long seq = 1;

    @BeforeAll
    static void loadBoundaries() throws Exception {
        geo = GeoIndex.loadBundled();
        policy = new PolicyParser(geo).defaultPolicy();
    }

    @Test
    void theCollectorASiteLeftDoesNotOverwriteTheHistoryTheNewOneWrote() throws Exception {
        try (StoreDatabase storeA = StoreDatabase.open(new StoreConfig(postgres.jdbcUrl(), null, "left"));
                StoreDatabase storeB = StoreDatabase.open(new StoreConfig(postgres.jdbcUrl(), null, "took-over"))) {
            Node a = new Node(storeA);
            Node b = new Node(storeB);
            new SiteOwnership(storeA).claim(site);
            a.observe(31.97, -102.08);
            a.snapshot.writeChanged();

            new SiteOwnership(storeB).claim(site);
            assertThat(b.snapshot.load(site)).isEqualTo(1);
            assertThat(b.compliance.savedHistory(rig))
                    .as("the history the first node wrote, waiting for the rig's first message here")
                    .isEqualTo(a.compliance.savedHistory(rig));
            clock.advance(Duration.ofMinutes(1));
            b.observe(59.91, 10.75);
            b.snapshot.writeChanged();

            // the node the site left has not yet read the new owner (it polls every second) and writes once more
            clock.advance(Duration.ofSeconds(1));
            a.observe(31.97, -102.08);
            a.snapshot.writeChanged();

            assertThat(storedNode()).isEqualTo("took-over");
            assertThat(storedHistory()).isEqualTo(b.compliance.savedHistory(rig));
        }
    }

    @Test
    void aRigWrittenWhileItsNewestMessageWasBeingJudgedIsWrittenAgainWithItsHistory() throws Exception {
        try (StoreDatabase store = StoreDatabase.open(new StoreConfig(postgres.jdbcUrl(), null, "judging"))) {
            Node node = new Node(store);
            new SiteOwnership(store).claim(site);
            node.observe(31.97, -102.08);
            node.snapshot.writeChanged();
            byte[] before = storedHistory();

            // the registry has recorded the next message; the judge has not yet updated the rig's history from it
            clock.advance(Duration.ofMinutes(1));
            Telemetry oslo = telemetry(59.91, 10.75);
            node.registry.record(oslo, 1);
            node.snapshot.writeChanged();
            assertThat(storedHistory()).isEqualTo(before);
            node.compliance.observe(rig, oslo, ConnectionFacts.unknown());
            node.snapshot.writeChanged();

            assertThat(storedHistory())
                    .as("written again, with the history of the message judged since")
                    .isEqualTo(node.compliance.savedHistory(rig))
                    .isNotEqualTo(before);
        }
    }

    @Test
    void aHistoryInANewerFormatStaysInTheStoreForACollectorThatReadsIt() throws Exception {
        try (StoreDatabase store = StoreDatabase.open(new StoreConfig(postgres.jdbcUrl(), null, "older"))) {
            Node older = new Node(store);
            new SiteOwnership(store).claim(site);
            older.observe(31.97, -102.08);
            older.snapshot.writeChanged();
            byte[] newer = storedHistory().clone();
            newer[0] = 9;
            try (Connection connection = store.connection();
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE rig_snapshot SET history = ? WHERE site = ? AND rig = ?")) {
                update.setBytes(1, newer);
                update.setString(2, site.value());
                update.setString(3, rig.rig().value());
                update.executeUpdate();
            }

            Node restarted = new Node(store);
            assertThat(restarted.snapshot.load(site))
                    .as("the rig is restored; its history is logged as unreadable and left out")
                    .isEqualTo(1);
            assertThat(restarted.compliance.savedHistory(rig)).isNull();
            restarted.snapshot.writeChanged();

            assertThat(storedHistory()).isEqualTo(newer);
        }
    }

    /** One collector's registry, compliance engine and rig snapshot on the shared store. */
    private final class Node {
        final RigRegistry registry = new RigRegistry(clock, FleetConfig.defaults(), new SequenceWindows());
        final ComplianceEngine compliance = new ComplianceEngine(geo, () -> policy, ComplianceConfig.defaults(), clock);
        final SharedRigSnapshot snapshot;

        Node(StoreDatabase store) {
            snapshot = new SharedRigSnapshot(
                    store,
                    registry,
                    new RigLine(new TelemetryCodec(clock), new CollectorJson()),
                    new StorageHealth(new StorageMetrics()),
                    served -> true,
                    compliance);
        }

        void observe(double lat, double lon) {
            Telemetry telemetry = telemetry(lat, lon);
            registry.record(telemetry, 1);
            compliance.observe(rig, telemetry, ConnectionFacts.unknown());
        }
    }

    private Telemetry telemetry(double lat, double lon) {
        return TestTelemetry.decoded(
                rig,
                clock.instant(),
                seq++,
                new Location(lat, lon, LocationSource.STATIC, 50.0, clock.instant(), false));
    }

    private String storedNode() throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                PreparedStatement select = rigRow(connection, "node");
                ResultSet rows = select.executeQuery()) {
            assertThat(rows.next()).as("the rig's row").isTrue();
            return rows.getString(1);
        }
    }

    private byte[] storedHistory() throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                PreparedStatement select = rigRow(connection, "history");
                ResultSet rows = select.executeQuery()) {
            assertThat(rows.next()).as("the rig's row").isTrue();
            return rows.getBytes(1);
        }
    }

    private PreparedStatement rigRow(Connection connection, String column) throws Exception {
        PreparedStatement select =
                connection.prepareStatement("SELECT " + column + " FROM rig_snapshot WHERE site = ? AND rig = ?");
        select.setString(1, site.value());
        select.setString(2, rig.rig().value());
        return select;
    }
}
