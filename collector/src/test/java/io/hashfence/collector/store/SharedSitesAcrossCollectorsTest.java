package io.hashfence.collector.store;

import static io.hashfence.collector.store.SharedStoreCollectors.awaitAccepted;
import static io.hashfence.collector.store.SharedStoreCollectors.sites;
import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.testing.PostgresExtension;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collectors on one real PostgreSQL ({@link PostgresExtension}), each with its own data directory: a site added
 * with {@code sites add --store-url} logs in on both, and a rotation closes the old token's session on the other.
 */
class SharedSitesAcrossCollectorsTest {
    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    @TempDir
    Path dir;

    @Test
    void aSiteAddedOnceLogsInOnEveryCollectorAndARotationIsSeenByAll() throws Exception {
        try (RunningCollector one = SharedStoreCollectors.start(postgres, dir, "one");
                RunningCollector two = SharedStoreCollectors.start(postgres, dir, "two")) {
            String token = sites(postgres, "add", "moving-site");
            for (RunningCollector collector : new RunningCollector[] {one, two}) {
                try (MqttTestClient agent = awaitAccepted(collector, "moving-site", token)) {
                    assertThat(agent.isOpen()).isTrue();
                }
            }
            try (MqttTestClient onTwo = awaitAccepted(two, "moving-site", token)) {
                String fresh = sites(postgres, "rotate", "moving-site");
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
}
