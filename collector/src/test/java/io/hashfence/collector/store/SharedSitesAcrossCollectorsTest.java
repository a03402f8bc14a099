package io.hashfence.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.site.SiteCredential;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.testing.CollectorCli;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresServer;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collectors on one real PostgreSQL ({@link PostgresServer}), each with its own data directory: a site added
 * with {@code sites add --store-url} logs in on both, and a rotation closes the old token's session on the other.
 */
class SharedSitesAcrossCollectorsTest {
    static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private RunningCollector collector(String node) throws Exception {
        return new RunningCollector(
                dir.resolve(node), config -> config.withStore(new StoreConfig(postgres.jdbcUrl(), null, node)));
    }

    @Test
    void aSiteAddedOnceLogsInOnEveryCollectorAndARotationIsSeenByAll() throws Exception {
        try (RunningCollector one = collector("one");
                RunningCollector two = collector("two")) {
            String token = sites("add", "moving-site");
            for (RunningCollector collector : new RunningCollector[] {one, two}) {
                try (MqttTestClient agent = awaitAccepted(collector, "moving-site", token)) {
                    assertThat(agent.isOpen()).isTrue();
                }
            }
            try (MqttTestClient onTwo = awaitAccepted(two, "moving-site", token)) {
                String fresh = sites("rotate", "moving-site");
                MqttMessage disconnect = onTwo.await(MqttMessageType.DISCONNECT);
                assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                        .as("not authorized: the token was replaced through the shared store")
                        .isEqualTo((byte) 0x87);
                try (MqttTestClient stale =
                        MqttTestClient.connect(two.mqtt(), MqttVersion.MQTT_5, "moving-site", token)) {
                    assertThat(stale.connAck().variableHeader().connectReturnCode())
                            .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD);
                }
                try (MqttTestClient rotated = awaitAccepted(one, "moving-site", fresh)) {
                    assertThat(rotated.isOpen()).isTrue();
                }
            }
        }
    }

    /** Runs {@code sites COMMAND SITE --store-url URL} and returns the token it printed last. */
    private static String sites(String command, String site) {
        CollectorCli.Result result = CollectorCli.run("sites", command, site, "--store-url", postgres.jdbcUrl());
        assertThat(result.exitCode()).as(result.err()).isZero();
        String[] lines = result.out().strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** A session the collector accepted, once its poll of the shared store has read the token. */
    private static MqttTestClient awaitAccepted(RunningCollector collector, String site, String token)
            throws Exception {
        SiteCredentials known = collector.collector().siteCredentials();
        Await.until(
                "the collector has read " + site + "'s token from the shared store",
                () -> known.find(SiteId.of(site))
                        .map(credential -> matches(known, credential, token))
                        .orElse(false));
        return MqttTestClient.accepted(collector.mqtt(), MqttVersion.MQTT_5, site, token);
    }

    private static boolean matches(SiteCredentials known, SiteCredential credential, String token) {
        try {
            return known.matches(credential, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
