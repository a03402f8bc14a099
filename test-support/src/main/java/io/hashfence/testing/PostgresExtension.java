package io.hashfence.testing;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL ({@link PostgresServer}) for the tests of one class: started before the first test,
 * stopped and its directory deleted after the last, with a fresh empty database for each test, so that no test
 * sees what another wrote. Without PostgreSQL the class is skipped outside CI and fails with {@code CI=true}
 * ({@link Requirement}). Registered on a static field, as the server lives as long as the class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension postgres = PostgresExtension.trusted();
 * }</pre>
 *
 * One server per class rather than per JVM: tests stop and restart it to play a store that went away.
 */
public final class PostgresExtension
        implements PostgresDatabase, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final String password;
    private PostgresServer server;
    private String database;
    private int databases;

    private PostgresExtension(String password) {
        this.password = password;
    }

    /** A server that trusts every client on the loopback address. */
    public static PostgresExtension trusted() {
        return new PostgresExtension(null);
    }

    /** A server whose TCP clients must give {@code password} (scram-sha-256). */
    public static PostgresExtension withPassword(String password) {
        return new PostgresExtension(password);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        server = PostgresServer.start(password);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException, InterruptedException {
        if (server == null) {
            throw new IllegalStateException(
                    "no PostgreSQL started before the class: register PostgresExtension on a static field");
        }
        databases++;
        database = "test_" + databases;
        server.createDatabase(database);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The JDBC URL of the running test's own database, without any password. */
    @Override
    public String jdbcUrl() {
        if (database == null) {
            throw new IllegalStateException("the test database exists only while a test runs");
        }
        return server.jdbcUrl(database);
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public void restart() throws IOException, InterruptedException {
        server.restart();
    }
}
