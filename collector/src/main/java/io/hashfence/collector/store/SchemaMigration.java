package io.hashfence.collector.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the shared store's schema to this version: the numbered SQL scripts in {@code schema/} (listed in order
 * in {@code schema/versions.txt}) each run once, in one transaction with the row that records it in
 * {@code schema_version}. An advisory lock makes collectors that start together migrate one after the other.
 */
final class SchemaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    private static final String DIRECTORY = "schema/";
    /** Any fixed number: the advisory lock the collectors take while migrating. */
    private static final long MIGRATION_LOCK = 0x68617368_66656e63L;

    private final StoreDatabase store;

    SchemaMigration(StoreDatabase store) {
        this.store = store;
    }

    /** Applies what is missing and returns the schema version now. */
    int migrate() throws SQLException {
        List<String> scripts = resource("versions.txt")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version integer PRIMARY KEY, script text NOT NULL, "
                        + "applied timestamptz NOT NULL DEFAULT now())");
                int current = currentVersion(statement);
                if (current > scripts.size()) {
                    throw new IllegalStateException("the store's schema is at version " + current
                            + ", newer than this collector knows (" + scripts.size() + "): upgrade the collector");
                }
                for (int version = current + 1; version <= scripts.size(); version++) {
                    String script = scripts.get(version - 1);
                    statement.execute(resource(script));
                    statement.execute("INSERT INTO schema_version (version, script) VALUES (" + version + ", '"
                            + script.replace("'", "''") + "')");
                    LOG.info("shared store: applied schema version {} ({})", version, script);
                }
            }
            connection.commit();
            return scripts.size();
        }
    }

    private static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SchemaMigration.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + DIRECTORY + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
