package io.hashfence.testing;

import java.io.IOException;

/**
 * A PostgreSQL database a test works on: where to connect, and its server to stop and start again when the test
 * plays a store that went away. {@link PostgresExtension} gives each test its own; a {@link PostgresServer} started
 * by hand is one too, so helpers that take this serve both.
 */
public interface PostgresDatabase {
    /** The JDBC URL of the database, without any password. */
    String jdbcUrl();

    /** Stops the server as a database server goes away: open connections are cut. */
    void stop();

    /** Starts the stopped server again on the same port with the same data. */
    void restart() throws IOException, InterruptedException;
}
