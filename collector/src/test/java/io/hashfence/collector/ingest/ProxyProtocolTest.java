package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.config.MqttConfig;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behind a load balancer, the PROXY protocol v1 and v2 headers give the client address used for IP evidence. */
class ProxyProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "behind-lb";

    @TempDir
    static Path dataDir;

    static RunningCollector collector;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector(
                dataDir,
                config -> config.withMqtt(new MqttConfig(
                        "127.0.0.1",
                        0,
                        config.mqtt().maxMessageBytes(),
                        1024,
                        config.mqtt().connectTimeout(),
                        true,
                        config.mqtt().limits(),
                        null,
                        true)));
        token = collector.addSite(SITE);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void aV1HeaderFromARussianAddressContradictsAClaimInKazakhstan() throws Exception {
        byte[] header = "PROXY TCP4 77.88.8.8 10.0.0.1 40000 1883\r\n".getBytes(StandardCharsets.US_ASCII);
        JsonNode compliance = publishBehindProxy(header, "v1-rig", 43.25, 76.95);
        assertThat(compliance.get("ip_country").asText()).isEqualTo("RU");
        assertThat(compliance.get("trust").asText()).isEqualTo("low");
        assertThat(compliance.toString()).contains("77.88.8.8 is registered in RU but the rig claims KZ");
        assertThat(collector.get("/api/v1/alerts").body())
                .contains("RigLocationUnverified")
                .contains("\"severity\":\"critical\"");
    }

    @Test
    void aV2HeaderFromAnAmericanAddressConfirmsAGpsFixInTexas() throws Exception {
        JsonNode compliance = publishBehindProxy(v2Header("8.8.8.8", "10.0.0.1", 40001, 1883), "v2-rig", 30.27, -97.74);
        assertThat(compliance.get("ip_country").asText()).isEqualTo("US");
        assertThat(compliance.get("trust").asText()).isEqualTo("high");
        assertThat(compliance.toString()).contains("8.8.8.8 is registered in US");
    }

    @Test
    void withoutTheHeaderTheConnectionIsClosedBeforeMqtt() throws Exception {
        String counter = "hashfence_mqtt_protocol_errors_total{kind=\"missing_proxy_header\"}";
        double before = MetricsScrape.sample(collector.http(), counter);
        try (MqttTestClient client = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_5)) {
            client.sendConnect(SITE, token, 30);
            assertThat(client.awaitClosed()).isTrue();
        }
        assertThat(MetricsScrape.sample(collector.http(), counter)).isEqualTo(before + 1);
    }

    private JsonNode publishBehindProxy(byte[] header, String rig, double lat, double lon) throws Exception {
        try (MqttTestClient client = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_5)) {
            client.sendRaw(header);
            client.sendConnect(SITE, token, 30);
            assertThat(client.connAck().variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            ObjectNode message = TestTelemetry.at(SITE, rig, 1, lat, lon);
            ((ObjectNode) message.get("location")).put("source", "gps");
            client.publish(TestTelemetry.topic(SITE, rig), TestTelemetry.bytes(message), MqttQoS.AT_LEAST_ONCE);
            client.await(MqttMessageType.PUBACK);
        }
        return JSON.readTree(collector.get("/api/v1/rigs/" + SITE + "/" + rig).body())
                .get("compliance");
    }

    /** PROXY protocol v2, PROXY command, TCP over IPv4. */
    private static byte[] v2Header(String source, String destination, int sourcePort, int destinationPort)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        out.write(0x21);
        out.write(0x11);
        out.write(ByteBuffer.allocate(2).putShort((short) 12).array());
        out.write(InetAddress.getByName(source).getAddress());
        out.write(InetAddress.getByName(destination).getAddress());
        out.write(ByteBuffer.allocate(2).putShort((short) sourcePort).array());
        out.write(ByteBuffer.allocate(2).putShort((short) destinationPort).array());
        return out.toByteArray();
    }
}
