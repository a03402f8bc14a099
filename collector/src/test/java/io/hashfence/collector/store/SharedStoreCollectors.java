package io.hashfence.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.site.SiteCredential;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.testing.CollectorCli;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresDatabase;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Collectors on one PostgreSQL, as an operator runs several behind a load balancer: what their tests share. */
final class SharedStoreCollectors {
    private SharedStoreCollectors() {}

    /** A collector on free ports with its own data directory, sharing the store as node {@code node}. */
    static RunningCollector start(PostgresDatabase postgres, Path dir, String node) throws Exception {
        return start(postgres, dir, node, UnaryOperator.identity());
    }

    static RunningCollector start(
            PostgresDatabase postgres, Path dir, String node, UnaryOperator<CollectorConfig> adjust) throws Exception {
        return new RunningCollector(
                dir.resolve(node),
                config -> adjust.apply(config.withStore(new StoreConfig(postgres.jdbcUrl(), null, node))));
    }

    /** Runs {@code sites COMMAND SITE --store-url URL}, as an operator does, and returns the token it printed. */
    static String sites(PostgresDatabase postgres, String command, String site) {
        CollectorCli.Result result = CollectorCli.run("sites", command, site, "--store-url", postgres.jdbcUrl());
        assertThat(result.exitCode()).as(result.err()).isZero();
        String[] lines = result.out().strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** An MQTT 5 session the collector accepted, once its poll of the shared store has read the token. */
    static MqttTestClient awaitAccepted(RunningCollector collector, String site, String token) throws Exception {
        SiteCredentials known = collector.collector().siteCredentials();
        Await.until(
                "the collector has read " + site + "'s token from the shared store",
                () -> known.find(SiteId.of(site))
                        .map(credential -> matches(known, credential, token))
                        .orElse(false));
        MqttTestClient client = MqttTestClient.accepted(collector.mqtt(), MqttVersion.MQTT_5, site, token);
        return client;
    }

    /** What a test checks while the store is away. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /**
     * The store goes away under a connected agent: {@code rig-1}'s first sample acknowledged, PostgreSQL stopped,
     * then {@code rig}'s sample {@code seq} published at QoS 1. Waits until the collector counts the failed write
     * to {@code storeFile} (as {@code hashfence_storage_write_failures_total} names it), asserts that no PUBACK went
     * out for what is not durable and runs {@code whileAway}; then starts PostgreSQL again and waits for the PUBACK.
     */
    static void publishWhileTheStoreIsAway(
            PostgresDatabase postgres,
            RunningCollector collector,
            MqttTestClient agent,
            String site,
            String rig,
            long seq,
            String storeFile,
            Check whileAway)
            throws Exception {
        agent.publishAcknowledged(TestTelemetry.message(site, "rig-1", 1));
        postgres.stop();
        try {
            agent.publish(
                    TestTelemetry.topic(site, rig),
                    TestTelemetry.bytes(TestTelemetry.message(site, rig, seq)),
                    MqttQoS.AT_LEAST_ONCE);
            Await.until(
                    "the failed write to " + storeFile + " is counted",
                    () -> MetricsScrape.sample(
                                    collector.http(),
                                    "hashfence_storage_write_failures_total{file=\"" + storeFile + "\"}")
                            >= 1);
            assertThat(MetricsScrape.ingested(collector.http(), "accepted"))
                    .as("no PUBACK for what is not durable")
                    .isEqualTo(1);
            whileAway.run();
        } finally {
            postgres.restart();
        }
        agent.await(MqttMessageType.PUBACK);
    }

    private static boolean matches(SiteCredentials known, SiteCredential credential, String token) {
        try {
            return known.matches(credential, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
