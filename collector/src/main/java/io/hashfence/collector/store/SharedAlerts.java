package io.hashfence.collector.store;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertJson;
import io.hashfence.collector.alert.AlertStatus;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.alert.Notification;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firing alerts in the shared store (table {@code open_alert}), so that the collector a site moves to adopts
 * them ({@link #load}) instead of opening and notifying them again, acknowledged as they were. Every transition and
 * acknowledgement is queued and written by one thread, in order: a firing alert is upserted, an acknowledged one's
 * alert object replaced (its held position stays), a resolved one deleted. A store that cannot be written is retried
 * every second, logged and counted ({@code hashfence_storage_write_failures_total{file="store.open_alert"}}).
 */
public final class SharedAlerts implements FiringAlertStore, AutoCloseable {
    public static final Path HEALTH_NAME = Path.of("store.open_alert");

    private static final Logger LOG = LoggerFactory.getLogger(SharedAlerts.class);
    private static final String UPSERT =
            "INSERT INTO open_alert (site, rig, alertname, id, alert, node, lat, lon, updated) "
                    + "VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, now()) ON CONFLICT (site, rig, alertname) DO UPDATE SET "
                    + "id = excluded.id, alert = excluded.alert, node = excluded.node, lat = excluded.lat, "
                    + "lon = excluded.lon, updated = excluded.updated";
    private static final String ACKNOWLEDGE = "UPDATE open_alert SET alert = ?::jsonb, updated = now() "
            + "WHERE site = ? AND rig = ? AND alertname = ? AND id = ?";
    private static final String DELETE =
            "DELETE FROM open_alert WHERE site = ? AND rig = ? AND alertname = ? AND id = ?";

    private final StoreDatabase store;
    private final CollectorJson json;
    private final StorageHealth health;
    private final Function<RigKey, double[]> heldPositions;
    private final LinkedBlockingQueue<Change> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    /** A firing alert as the store keeps it: with its rig's held position for a violation, else null. */
    public record Stored(Alert alert, double[] heldPosition) {}

    /** What the writer thread writes, in the order it happened. */
    private sealed interface Change {
        Alert alert();

        String label();

        void writeTo(SharedAlerts store) throws SQLException;
    }

    private record Transition(Notification notification, double[] heldPosition) implements Change {
        @Override
        public Alert alert() {
            return notification.alert();
        }

        @Override
        public String label() {
            return notification.transition().label();
        }

        @Override
        public void writeTo(SharedAlerts store) throws SQLException {
            store.write(notification, heldPosition);
        }
    }

    private record Acknowledgement(Alert alert) implements Change {
        @Override
        public String label() {
            return "acknowledged";
        }

        @Override
        public void writeTo(SharedAlerts store) throws SQLException {
            store.acknowledge(alert);
        }
    }

    /**
     * @param heldPositions the position a rig in violation is held at now (lat, lon), or null; asked when a
     *                      violation alert fires
     */
    public SharedAlerts(
            StoreDatabase store, CollectorJson json, StorageHealth health, Function<RigKey, double[]> heldPositions) {
        this.heldPositions = heldPositions;
        this.store = store;
        this.json = json;
        this.health = health;
        health.track(HEALTH_NAME);
        writer = new Thread(this::writeLoop, "shared-alert-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues an alert's transition for the store. */
    @Override
    public void transitioned(Notification notification) {
        Alert alert = notification.alert();
        boolean holds =
                notification.transition() == AlertStatus.FIRING && alert.type() == AlertType.IN_RESTRICTED_JURISDICTION;
        queue.add(new Transition(notification, holds ? heldPositions.apply(alert.rig()) : null));
    }

    /** Queues an alert's acknowledgement for the store. */
    @Override
    public void acknowledged(Alert alert) {
        queue.add(new Acknowledgement(alert));
    }

    /** The site's alerts the store holds as firing. */
    public List<Stored> load(SiteId site) throws SQLException, IOException {
        List<Stored> firing = new ArrayList<>();
        try (Connection connection = store.connection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT alert, lat, lon FROM open_alert WHERE site = ?")) {
            select.setString(1, site.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    double lat = rows.getDouble(2);
                    boolean held = !rows.wasNull();
                    double lon = rows.getDouble(3);
                    firing.add(new Stored(
                            AlertJson.parse(json.read(rows.getString(1))),
                            held && !rows.wasNull() ? new double[] {lat, lon} : null));
                }
            }
        }
        return firing;
    }

    private void writeLoop() {
        try {
            while (!closing || !queue.isEmpty()) {
                Change next = queue.poll(1, TimeUnit.SECONDS);
                if (next != null && !writeUntilDone(next)) {
                    LOG.error(
                            "stopping: {} alert change(s) were not written to the shared store {}; the collector "
                                    + "a site moves to may open those alerts again",
                            1 + queue.size(),
                            store.safeUrl());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once written; false when the write failed while stopping (it is not retried then). */
    private boolean writeUntilDone(Change change) throws InterruptedException {
        while (true) {
            try {
                change.writeTo(this);
                health.writeSucceeded(HEALTH_NAME);
                return true;
            } catch (SQLException e) {
                health.writeFailed(HEALTH_NAME, e);
                LOG.error(
                        "cannot write alert {} ({}) to the shared store {}, retried: {}",
                        change.alert().id(),
                        change.label(),
                        store.safeUrl(),
                        e.getMessage());
                if (closing) {
                    return false;
                }
                Thread.sleep(1000);
            }
        }
    }

    private void write(Notification notification, double[] heldPosition) throws SQLException {
        Alert alert = notification.alert();
        boolean firing = notification.transition() == AlertStatus.FIRING;
        try (Connection connection = store.connection();
                PreparedStatement statement = connection.prepareStatement(firing ? UPSERT : DELETE)) {
            statement.setString(1, alert.rig().site().value());
            statement.setString(2, alert.rig().rig().value());
            statement.setString(3, alert.type().alertName());
            statement.setString(4, alert.id());
            if (firing) {
                statement.setString(5, AlertJson.of(alert).toString());
                statement.setString(6, store.node());
                if (heldPosition == null) {
                    statement.setNull(7, Types.DOUBLE);
                    statement.setNull(8, Types.DOUBLE);
                } else {
                    statement.setDouble(7, heldPosition[0]);
                    statement.setDouble(8, heldPosition[1]);
                }
            }
            statement.executeUpdate();
        }
    }

    private void acknowledge(Alert alert) throws SQLException {
        try (Connection connection = store.connection();
                PreparedStatement statement = connection.prepareStatement(ACKNOWLEDGE)) {
            statement.setString(1, AlertJson.of(alert).toString());
            statement.setString(2, alert.rig().site().value());
            statement.setString(3, alert.rig().rig().value());
            statement.setString(4, alert.type().alertName());
            statement.setString(5, alert.id());
            statement.executeUpdate();
        }
    }

    /** Writes what is queued (giving up on the rest once a write fails: the store is away), then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
