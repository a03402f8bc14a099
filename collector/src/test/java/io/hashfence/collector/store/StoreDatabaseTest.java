package io.hashfence.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.config.StoreConfig;
import io.hashfence.testing.FreePorts;
import io.hashfence.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared store's connection and schema migration against a real PostgreSQL ({@link PostgresExtension}: the
 * Debian package's server on a free port; no Docker image of PostgreSQL can be pulled here, so Testcontainers is
 * no option), started once for the class with a password so that {@code store.password_file} is exercised too.
 */
class StoreDatabaseTest {
    private static final String PASSWORD = "s3cret-for-the-test";

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.withPassword(PASSWORD);

    @TempDir
    Path dir;

    private StoreConfig config(String node) throws Exception {
        Path passwordFile = dir.resolve("store-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        return new StoreConfig(postgres.jdbcUrl(), passwordFile, node);
    }

    @Test
    void createsTheSchemaOnceAndRecordsItsVersion() throws Exception {
        try (StoreDatabase first = StoreDatabase.open(config("collector-1"));
                StoreDatabase second = StoreDatabase.open(config("collector-2"))) {
            assertThat(first.node()).isEqualTo("collector-1");
            assertThat(second.node()).isEqualTo("collector-2");
            List<Integer> versions = new ArrayList<>();
            try (Connection connection = second.connection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
            }
            assertThat(versions).startsWith(1).doesNotHaveDuplicates();
            assertThat(versions.get(versions.size() - 1)).isEqualTo(versions.size());
        }
    }

    @Test
    void aStoreThatCannotBeReachedIsAnErrorNamingTheUrlButNotThePassword() {
        int nobody = FreePorts.pick();
        StoreConfig unreachable = new StoreConfig(
                "jdbc:postgresql://127.0.0.1:" + nobody + "/hashfence?user=hashfence&password=" + PASSWORD, null, "n");
        assertThatThrownBy(() -> StoreDatabase.open(unreachable))
                .hasMessageContaining("cannot connect to the shared store at jdbc:postgresql://127.0.0.1:" + nobody)
                .hasMessageContaining("password=***")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aWrongPasswordIsRefusedWithTheUrlNamed() throws Exception {
        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, "not-it\n");
        assertThatThrownBy(() -> StoreDatabase.open(new StoreConfig(postgres.jdbcUrl(), wrong, "n")))
                .hasMessageContaining("cannot connect to the shared store at " + postgres.jdbcUrl())
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void aUrlThatIsNotPostgresIsRefusedByName() {
        assertThatThrownBy(() -> new StoreConfig("postgres://localhost/x", null, null))
                .hasMessageContaining("store.url must be a jdbc:postgresql://");
        assertThatThrownBy(() -> new StoreConfig(postgres.jdbcUrl(), null, "bad node"))
                .hasMessageContaining("store.node");
    }
}
