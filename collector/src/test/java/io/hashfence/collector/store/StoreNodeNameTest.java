package io.hashfence.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.CollectorMain;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running collector holds its {@code store.node} in the shared store (a real PostgreSQL, {@link PostgresExtension}):
 * a second one started under the same name is refused with an error naming it, also after PostgreSQL restarted, and
 * the name is free again once the first is closed, or killed.
 */
class StoreNodeNameTest {
    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    @TempDir
    Path dir;

    @Test
    void aSecondCollectorWithTheSameNodeIsRefusedUntilTheFirstIsClosed() throws Exception {
        try (RunningCollector first = SharedStoreCollectors.start(postgres, dir, "twin")) {
            assertThatThrownBy(() -> SharedStoreCollectors.start(postgres, dir.resolve("second"), "twin"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("another collector is running as node twin on the shared store at " + postgres.jdbcUrl()
                            + ": give each collector its own store.node");
            try (RunningCollector other = SharedStoreCollectors.start(postgres, dir, "not-a-twin")) {
                assertThat(other.http().getPort())
                        .as("another name on the same store starts")
                        .isPositive();
            }
            assertThat(first.get("/healthz").statusCode())
                    .as("the first collector is not disturbed")
                    .isEqualTo(200);
        }
        try (RunningCollector again = SharedStoreCollectors.start(postgres, dir.resolve("again"), "twin")) {
            assertThat(again.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aCollectorTakesItsNameAgainWhenPostgresRestarts() throws Exception {
        try (RunningCollector first = SharedStoreCollectors.start(postgres, dir, "steady")) {
            postgres.restart();
            Await.until("the collector holds its node name in the restarted store", () -> advisoryLocksHeld() == 1);
            assertThatThrownBy(() -> SharedStoreCollectors.start(postgres, dir.resolve("second"), "steady"))
                    .hasMessageContaining("another collector is running as node steady");
        }
    }

    private static long advisoryLocksHeld() throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = "
                                + "(SELECT oid FROM pg_database WHERE datname = current_database())")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** As an operator starts them: separate processes, the refused one exits 1; the killed one frees its name. */
    @Test
    void theNameIsRefusedToAnotherProcessAndFreeOnceItsCollectorIsKilled() throws Exception {
        Process victim = run("killed", "phoenix");
        try {
            Await.until(
                    "the first collector is up",
                    () -> !victim.isAlive() || log("killed").contains("HTTP listening on"));
            assertThat(victim.isAlive()).as(log("killed")).isTrue();

            Process refused = run("refused", "phoenix");
            Await.until("the second collector has given up", () -> !refused.isAlive());
            assertThat(refused.exitValue()).as(log("refused")).isEqualTo(1);
            assertThat(log("refused"))
                    .contains(
                            "hashfence-collector: another collector is running as node phoenix on the shared store at "
                                    + postgres.jdbcUrl());
        } finally {
            victim.destroyForcibly().waitFor();
        }

        RunningCollector successor = Await.value("the killed collector's node name is free", () -> {
            try {
                return Optional.of(SharedStoreCollectors.start(postgres, dir.resolve("successor"), "phoenix"));
            } catch (IOException e) {
                assertThat(e).hasMessageContaining("another collector is running as node phoenix");
                return Optional.empty();
            }
        });
        try (successor) {
            assertThat(successor.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    /** {@code hashfence-collector run} in a JVM of its own, on the test's class path, its output in NAME.log. */
    private Process run(String name, String node) throws IOException {
        Path dataDir = dir.resolve(name);
        Files.createDirectories(dataDir);
        Path config = dir.resolve(name + ".yml");
        Files.writeString(
                config,
                String.join(
                        "\n", "data_dir: " + dataDir, "store:", "  url: " + postgres.jdbcUrl(), "  node: " + node, ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CollectorMain.class.getName(),
                        "run",
                        "--config",
                        config.toString(),
                        "--mqtt-port",
                        "0",
                        "--http-port",
                        "0"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    private String log(String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
