package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.Collector;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.config.TlsConfig;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestCertificates;
import io.hashfence.collector.testing.TestTelemetry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over TLS, with certificates made in the test: server TLS with tokens, and mutual TLS naming the site. */
class TlsTest {
    @TempDir
    static Path dir;

    static TestCertificates certificates;
    static RunningCollector collector;
    static String token;
    static InetSocketAddress tls;

    @BeforeAll
    static void start() throws Exception {
        certificates = new TestCertificates(Files.createDirectories(dir.resolve("pki")));
        Path[] server = certificates.issue("localhost");
        collector = new RunningCollector(
                dir.resolve("data"),
                config -> config.withMqtt(config.mqtt()
                        .withTls(new TlsConfig(0, server[0], server[1], certificates.caFile(), false))
                        .withPlain(false)));
        token = collector.addSite("tls-site");
        collector.addSite("other-site");
        tls = new InetSocketAddress(
                "127.0.0.1", collector.collector().mqttTlsAddress().getPort());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void withTlsConfiguredThereIsNoPlainListenerUnlessAskedFor() {
        assertThat(collector.collector().mqttAddress()).isNull();
        assertThatThrownBy(() -> Collector.start(
                        CollectorConfig.defaults()
                                .withDataDir(dir.resolve("none"))
                                .withHttpPort(0),
                        Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no MQTT listener")
                .hasMessageContaining("mqtt.plain: true");
        assertThat(dir.resolve("none")).as("refused before writing anything").doesNotExist();
    }

    @Test
    void aTokenOverTlsPublishes() throws Exception {
        SslContext client = SslContextBuilder.forClient()
                .trustManager(certificates.caFile().toFile())
                .build();
        try (MqttTestClient agent = MqttTestClient.openTls(tls, MqttVersion.MQTT_5, client)) {
            agent.sendConnect("tls-site", token, 30);
            assertThat(agent.connAck().variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            agent.publish(
                    TestTelemetry.topic("tls-site", "tls-rig"),
                    TestTelemetry.bytes(TestTelemetry.message("tls-site", "tls-rig", 1)),
                    MqttQoS.AT_LEAST_ONCE);
            agent.await(MqttMessageType.PUBACK);
        }
        assertThat(collector.get("/api/v1/rigs/tls-site/tls-rig").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientCertificateNamingTheSiteAuthenticatesWithoutAToken() throws Exception {
        Path[] cert = certificates.issue("tls-site");
        SslContext client = SslContextBuilder.forClient()
                .trustManager(certificates.caFile().toFile())
                .keyManager(cert[0].toFile(), cert[1].toFile())
                .build();
        try (MqttTestClient agent = MqttTestClient.openTls(tls, MqttVersion.MQTT_5, client)) {
            agent.sendConnect("tls-site", "", 30);
            assertThat(agent.connAck().variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        }
    }

    @Test
    void aClientCertificateForAnotherSiteIsNotAuthorized() throws Exception {
        double before = MetricsScrape.sample(
                collector.http(), "hashfence_mqtt_connects_total{result=\"certificate_mismatch\"}");
        Path[] cert = certificates.issue("tls-site");
        SslContext client = SslContextBuilder.forClient()
                .trustManager(certificates.caFile().toFile())
                .keyManager(cert[0].toFile(), cert[1].toFile())
                .build();
        for (MqttVersion version : new MqttVersion[] {MqttVersion.MQTT_5, MqttVersion.MQTT_3_1_1}) {
            try (MqttTestClient agent = MqttTestClient.openTls(tls, version, client)) {
                agent.sendConnect("other-site", "whatever", 30);
                assertThat(agent.connAck().variableHeader().connectReturnCode())
                        .isEqualTo(
                                version == MqttVersion.MQTT_5
                                        ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                                        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            }
        }
        assertThat(MetricsScrape.sample(
                        collector.http(), "hashfence_mqtt_connects_total{result=\"certificate_mismatch\"}"))
                .isEqualTo(before + 2);
    }

    @Test
    void theHttpApiServesHttpsWhenConfigured() throws Exception {
        Path[] server = certificates.issue("localhost");
        try (RunningCollector https = new RunningCollector(
                dir.resolve("https-data"),
                config -> config.withHttp(config.http().withTls(server[0], server[1])))) {
            assertHttps(https.http().getPort());
        }
    }

    private static void assertHttps(int port) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream ca = Files.newInputStream(certificates.caFile())) {
            trusted.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        HttpResponse<String> health = HttpClient.newBuilder()
                .sslContext(context)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                .as("plain HTTP on the HTTPS port")
                .isInstanceOf(IOException.class);
    }

    @Test
    void plainMqttOnTheTlsPortGoesNowhere() throws Exception {
        try (MqttTestClient plain = MqttTestClient.open(tls, MqttVersion.MQTT_5)) {
            plain.sendConnect("tls-site", token, 30);
            assertThat(plain.awaitClosed()).isTrue();
        }
    }
}
