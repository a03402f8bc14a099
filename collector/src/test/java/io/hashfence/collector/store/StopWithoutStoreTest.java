package io.hashfence.collector.store;

import static io.hashfence.collector.store.SharedStoreCollectors.awaitAccepted;
import static io.hashfence.collector.store.SharedStoreCollectors.sites;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hashfence.collector.storage.GroupCommit;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresExtension;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A collector stopped while its shared store (a real PostgreSQL, {@link PostgresExtension}) is gone does not wait for
 * the store: what it could not write was never acknowledged, and it says so in the log.
 */
class StopWithoutStoreTest {
    private static final String SITE = "stranded-site";

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    @TempDir
    Path dir;

    @Test
    void aCollectorWhoseStoreIsGoneStopsAndLogsWhatItCouldNotWrite() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger writers = (Logger) LoggerFactory.getLogger(GroupCommit.class);
        log.start();
        writers.addAppender(log);
        try {
            RunningCollector collector = SharedStoreCollectors.start(postgres, dir, "stranded");
            String token = sites(postgres, "add", SITE);
            try (MqttTestClient agent = awaitAccepted(collector, SITE, token)) {
                agent.publishAcknowledged(TestTelemetry.message(SITE, "rig-1", 1));
                postgres.stop();
                agent.publish(
                        TestTelemetry.topic(SITE, "rig-1"),
                        TestTelemetry.bytes(TestTelemetry.message(SITE, "rig-1", 2)),
                        MqttQoS.AT_LEAST_ONCE);
                Await.until(
                        "the failed write of the rig's window is counted",
                        () -> MetricsScrape.sample(
                                        collector.http(),
                                        "hashfence_storage_write_failures_total{file=\"store.rig_window\"}")
                                >= 1);

                long started = System.nanoTime();
                collector.close();
                System.out.printf(
                        "a collector whose store is gone stopped in %d ms%n",
                        (System.nanoTime() - started) / 1_000_000);
            }
            assertThat(log.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .contains("stopping: 1 record(s) of the shared sequence windows were not written (never "
                            + "acknowledged as durable); giving up");
        } finally {
            writers.detachAppender(log);
        }
    }
}
