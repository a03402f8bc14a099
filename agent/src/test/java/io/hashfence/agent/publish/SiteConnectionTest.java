package io.hashfence.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.config.MqttSettings;
import io.hashfence.agent.config.SiteCredentials;
import io.hashfence.agent.testing.Mosquitto;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteConnectionTest {
    private static final int RECEIVE_MAXIMUM = 5;
    private static final int BURST = 5_000;

    @TempDir
    Path dir;

    private final ScheduledExecutorService mqttThreads = Executors.newScheduledThreadPool(8);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopThreads() {
        mqttThreads.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void aBurstFarBeyondTheReceiveMaximumIsDeliveredWithoutClientErrors() throws Exception {
        try (Mosquitto broker = Mosquitto.create(
                dir, Map.of("site-b", "token-b"), Map.of("max_inflight_messages", String.valueOf(RECEIVE_MAXIMUM)))) {
            broker.start();
            PublishCounters counters = new PublishCounters();
            SiteConnection connection = new SiteConnection(
                    new SiteCredentials(SiteId.of("site-b"), "token-b"),
                    "burst-test",
                    MqttSettings.defaults(broker.url()),
                    "test",
                    Clock.systemUTC(),
                    mqttThreads,
                    scheduler,
                    counters,
                    BURST);
            try (connection) {
                connection.start();
                Await.until("the connection is up", connection::isConnected);
                for (int i = 0; i < BURST; i++) {
                    connection.publish(
                            "hashfence/v1/site-b/rig-" + (i % 50) + "/telemetry",
                            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                }

                Await.until(
                        "the whole burst is acknowledged",
                        () -> counters.snapshot().acknowledged() == BURST);
                assertThat(counters.snapshot()).isEqualTo(new PublishCounters.Snapshot(BURST, BURST, 0, 0, 0));
            }
        }
    }
}
