package io.hashfence.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.hashfence.collector.config.StoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared PostgreSQL store behind {@code store.url}: a small connection pool, opened once per process, with the
 * schema created or migrated to this version before anything reads it. A store that cannot be reached at start is
 * an error naming the URL (never the password); one that goes away later fails the statements that need it, which
 * their callers count, log and retry.
 */
public final class StoreDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);
    // the writers (sequence windows, alerts, rigs), the polls, and the two authentication threads reading sites
    private static final int POOL_SIZE = 8;
    private static final long CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long STOPPING_PROBE_MILLIS = 1_000;

    private final HikariDataSource pool;
    private final String safeUrl;
    private final String node;
    /** Set when the collector stops: a store that cannot give a connection then is not waited for again. */
    private volatile boolean stopping;
    /** Whether the store could not be reached when the collector began to stop. */
    private volatile boolean unreachable;

    private StoreDatabase(HikariDataSource pool, String safeUrl, String node) {
        this.pool = pool;
        this.safeUrl = safeUrl;
        this.node = node;
    }

    /**
     * Connects to the store and migrates its schema.
     *
     * @throws IOException naming the URL (without its password) when the store cannot be reached or migrated
     */
    public static StoreDatabase open(StoreConfig config) throws IOException {
        if (!config.shared()) {
            throw new IllegalArgumentException("store.url is not set");
        }
        HikariConfig settings = new HikariConfig();
        settings.setPoolName("store");
        settings.setJdbcUrl(config.url());
        settings.setMaximumPoolSize(POOL_SIZE);
        settings.setMinimumIdle(1);
        settings.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        settings.addDataSourceProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT_MILLIS / 1000));
        settings.addDataSourceProperty("ApplicationName", "hashfence-collector");
        // a batch of upserts goes as multi-row statements: one round trip per group commit
        settings.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (config.passwordFile() != null) {
            settings.setPassword(readPassword(config));
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(settings);
        } catch (HikariPool.PoolInitializationException e) {
            throw new IOException(
                    "cannot connect to the shared store at " + config.safeUrl() + ": " + rootMessage(e), e);
        }
        StoreDatabase store = new StoreDatabase(pool, config.safeUrl(), config.nodeName());
        try {
            int version = new SchemaMigration(store).migrate();
            LOG.info(
                    "shared store {} at schema version {}, this collector is node {}",
                    store.safeUrl,
                    version,
                    store.node);
            return store;
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw new IOException("cannot migrate the shared store at " + config.safeUrl() + ": " + e.getMessage(), e);
        }
    }

    private static String readPassword(StoreConfig config) throws IOException {
        try {
            return Files.readAllLines(config.passwordFile(), StandardCharsets.UTF_8).stream()
                    .findFirst()
                    .orElse("")
                    .strip();
        } catch (IOException e) {
            throw new IOException(
                    "cannot read store.password_file " + config.passwordFile() + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /**
     * A connection from the pool; the caller closes it. Waits up to the connect timeout for one, except while
     * stopping once the store could not be reached: then it fails at once.
     */
    public Connection connection() throws SQLException {
        if (stopping && unreachable) {
            throw new SQLTransientConnectionException(
                    "the collector is stopping and the shared store " + safeUrl + " cannot be reached");
        }
        return pool.getConnection();
    }

    /**
     * A connection of its own, outside the pool, for a session that must last as long as the caller holds it; the
     * caller closes it.
     */
    Connection unpooledConnection() throws SQLException {
        return unpooledConnection(CONNECT_TIMEOUT_MILLIS);
    }

    private Connection unpooledConnection(long timeoutMillis) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, timeoutMillis / 1000)));
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    /**
     * The collector is stopping: what is left is still written if the store answers now (asked once, waiting at
     * most {@value #STOPPING_PROBE_MILLIS} ms); if it does not, no writer waits for a connection again, and the
     * writers log what they could not write.
     */
    public void stopping() {
        try (Connection probe = unpooledConnection(STOPPING_PROBE_MILLIS)) {
            unreachable = !probe.isValid((int) (STOPPING_PROBE_MILLIS / 1000));
        } catch (SQLException e) {
            unreachable = true;
        }
        if (unreachable) {
            LOG.warn(
                    "stopping while the shared store {} cannot be reached: what is not written yet is not waited for",
                    safeUrl);
        }
        stopping = true;
    }

    /** The store's URL as it may be logged. */
    public String safeUrl() {
        return safeUrl;
    }

    /** This collector's name in the store. */
    public String node() {
        return node;
    }

    /**
     * Closes the pool. Hikari waits for a connection attempt in flight (up to the connect timeout); with a store
     * found unreachable while stopping there is nothing to wait for, so the pool is closed in the background.
     */
    @Override
    public void close() {
        if (stopping && unreachable) {
            Thread closing = new Thread(pool::close, "store-pool-close");
            closing.setDaemon(true);
            closing.start();
        } else {
            pool.close();
        }
    }
}
