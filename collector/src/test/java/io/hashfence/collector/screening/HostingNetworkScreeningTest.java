package io.hashfence.collector.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.config.MqttConfig;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a running collector behind a load balancer (PROXY protocol): a policy names a hosting network by
 * its AS; a site whose connection comes from an address that AS announces raises RigOnSanctionedNetwork
 * with the AS and its holder as evidence, and a site connecting from another AS raises nothing; a policy
 * reload that names the first AS screens the rigs already connected. The rigs
 * claim Moscow, where both addresses are registered, so that screening is all there is to alert on.
 */
class HostingNetworkScreeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Announced by AS214787, "Bitriver-B LLC", in the bundled IP-to-ASN table. */
    private static final String DESIGNATED_AS_ADDRESS = "45.142.45.10";
    /** The next range, announced by AS44559. */
    private static final String NEIGHBOUR_ADDRESS = "45.142.46.10";

    @TempDir
    Path dir;

    @Test
    void aConnectionFromADesignatedAsAlertsWithTheAsAndHolderAndOneFromAnotherAsDoesNot() throws Exception {
        Path policy = dir.resolve("policy.yml");
        Files.writeString(
                policy,
                "include: [ofac-comprehensive]\nscreening:\n  networks:\n    designated:\n"
                        + "      - asn: AS214787\n        reason: BitRiver group, designated by OFAC on 2022-04-20\n");
        try (RunningCollector collector = new RunningCollector(
                dir.resolve("data"), config -> behindLoadBalancer(config.withPolicyFile(policy)))) {
            String hosted = collector.addSite("hosted-01");
            String neighbour = collector.addSite("neighbour-01");
            publishBehindProxy(collector, DESIGNATED_AS_ADDRESS, "hosted-01", hosted, "s19-0001");
            publishBehindProxy(collector, NEIGHBOUR_ADDRESS, "neighbour-01", neighbour, "s19-0002");

            JsonNode alerts =
                    JSON.readTree(collector.get("/api/v1/alerts").body()).get("alerts");
            assertThat(alerts)
                    .extracting(a ->
                            a.get("alertname").asText() + " " + a.get("site").asText())
                    .containsExactly("RigOnSanctionedNetwork hosted-01");
            assertThat(alerts.get(0).get("severity").asText()).isEqualTo("critical");
            assertThat(alerts.get(0).get("evidence").asText())
                    .contains(
                            "connection from " + DESIGNATED_AS_ADDRESS,
                            "announced by AS214787 (Bitriver-B LLC)",
                            "designated: BitRiver group, designated by OFAC on 2022-04-20");
            JsonNode rig = JSON.readTree(
                    collector.get("/api/v1/rigs/hosted-01/s19-0001").body());
            assertThat(rig.at("/screening/findings/0/alertname").asText()).isEqualTo("RigOnSanctionedNetwork");
            JsonNode clean = JSON.readTree(
                    collector.get("/api/v1/rigs/neighbour-01/s19-0002").body());
            assertThat(clean.at("/screening/findings")).isEmpty();
        }
    }

    @Test
    void aPolicyReloadThatFirstNamesAnAsScreensTheRigsAlreadyConnected() throws Exception {
        Path policy = dir.resolve("policy.yml");
        Files.writeString(policy, "include: [ofac-comprehensive]\n");
        try (RunningCollector collector = new RunningCollector(
                dir.resolve("data"), config -> behindLoadBalancer(config.withPolicyFile(policy)))) {
            String hosted = collector.addSite("hosted-01");
            publishBehindProxy(collector, DESIGNATED_AS_ADDRESS, "hosted-01", hosted, "s19-0001");
            assertThat(collector.get("/api/v1/alerts").body()).doesNotContain("RigOnSanctionedNetwork");

            Path next = dir.resolve("policy.yml.next");
            Files.writeString(
                    next,
                    "include: [ofac-comprehensive]\nscreening:\n  networks:\n    designated:\n"
                            + "      - asn: AS214787\n        reason: BitRiver group\n");
            Files.move(next, policy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Await.until(
                    "the reloaded policy's AS is screened",
                    () -> collector.get("/api/v1/alerts").body().contains("announced by AS214787 (Bitriver-B LLC)"));
        }
    }

    private static CollectorConfig behindLoadBalancer(CollectorConfig config) {
        MqttConfig mqtt = config.mqtt();
        return config.withMqtt(new MqttConfig(
                "127.0.0.1", 0, mqtt.maxMessageBytes(), 1024, mqtt.connectTimeout(), true, mqtt.limits(), null, true));
    }

    private static void publishBehindProxy(
            RunningCollector collector, String from, String site, String token, String rig) throws Exception {
        try (MqttTestClient client = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_5)) {
            client.sendRaw(("PROXY TCP4 " + from + " 10.0.0.1 40000 1883\r\n").getBytes(StandardCharsets.US_ASCII));
            client.sendConnect(site, token, 30);
            assertThat(client.connAck().variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            client.publish(
                    TestTelemetry.topic(site, rig),
                    TestTelemetry.bytes(TestTelemetry.at(site, rig, 1, 55.7558, 37.6173)),
                    MqttQoS.AT_LEAST_ONCE);
            client.await(MqttMessageType.PUBACK);
        }
    }
}
