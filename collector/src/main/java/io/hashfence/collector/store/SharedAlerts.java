package io.hashfence.collector.store;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertJson;
import io.hashfence.collector.alert.AlertStatus;
import io.hashfence.collector.alert.Notification;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firing alerts in the shared store (table {@code open_alert}), so that the collector a site moves to adopts
 * them ({@link #load}) instead of opening and notifying them again. Every transition is queued and written by one
 * thread, in order: a firing alert is upserted, a resolved one deleted. A store that cannot be written is retried
 * every second, logged and counted ({@code hashfence_storage_write_failures_total{file="store.open_alert"}}).
 */
public final class SharedAlerts implements Consumer<Notification>, AutoCloseable {
    public static final Path HEALTH_NAME = Path.of("store.open_alert");

    private static final Logger LOG = LoggerFactory.getLogger(SharedAlerts.class);
    private static final String UPSERT = "INSERT INTO open_alert (site, rig, alertname, id, alert, node, updated) "
            + "VALUES (?, ?, ?, ?, ?::jsonb, ?, now()) ON CONFLICT (site, rig, alertname) DO UPDATE SET "
            + "id = excluded.id, alert = excluded.alert, node = excluded.node, updated = excluded.updated";
    private static final String DELETE =
            "DELETE FROM open_alert WHERE site = ? AND rig = ? AND alertname = ? AND id = ?";

    private final StoreDatabase store;
    private final CollectorJson json;
    private final StorageHealth health;
    private final LinkedBlockingQueue<Notification> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    public SharedAlerts(StoreDatabase store, CollectorJson json, StorageHealth health) {
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
    public void accept(Notification notification) {
        queue.add(notification);
    }

    /** The site's alerts the store holds as firing. */
    public List<Alert> load(SiteId site) throws SQLException, IOException {
        List<Alert> firing = new ArrayList<>();
        try (Connection connection = store.connection();
                PreparedStatement select = connection.prepareStatement("SELECT alert FROM open_alert WHERE site = ?")) {
            select.setString(1, site.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    firing.add(AlertJson.parse(json.read(rows.getString(1))));
                }
            }
        }
        return firing;
    }

    private void writeLoop() {
        try {
            while (!closing || !queue.isEmpty()) {
                Notification next = queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (next != null) {
                    writeUntilDone(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilDone(Notification notification) throws InterruptedException {
        while (true) {
            try {
                write(notification);
                health.writeSucceeded(HEALTH_NAME);
                return;
            } catch (SQLException e) {
                health.writeFailed(HEALTH_NAME, e);
                LOG.error(
                        "cannot write alert {} ({}) to the shared store {}, retried: {}",
                        notification.alert().id(),
                        notification.transition().label(),
                        store.safeUrl(),
                        e.getMessage());
                if (closing) {
                    return;
                }
                Thread.sleep(1000);
            }
        }
    }

    private void write(Notification notification) throws SQLException {
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
            }
            statement.executeUpdate();
        }
    }

    /** Writes what is queued (giving up on a store that is away), then stops. */
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
