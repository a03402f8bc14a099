package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.protocol.Pool;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Pool passwords never get past ingest: not to metrics, the API, the event log, a report or the log. */
class PoolCredentialsTest {
    private static final String SECRET = "S3cret";
    private static final String USER_PASSWORD = "hunter2pass";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "stratum+tcp://user:S3cret@pool:3333|stratum+tcp://user@pool:3333",
                "stratum+ssl://wallet.rig1:S3cret@pool.example.com:443/path?password=x#y|stratum+ssl://wallet.rig1@pool.example.com:443/path",
                "stratum+tcp://pool.example.com:3333|stratum+tcp://pool.example.com:3333",
                "stratum+tcp://user@pool:3333|stratum+tcp://user@pool:3333",
                "user:S3cret@pool:3333|user@pool:3333",
                "stratum+tcp://u:p@ss@pool:3333|stratum+tcp://u@pool:3333",
                "pool.example.com:3333|pool.example.com:3333"
            })
    void poolUrlsKeepSchemeAccountHostPortAndPathOnly(String url, String stripped) {
        assertThat(PoolCredentials.url(url)).isEqualTo(stripped);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "wallet.worker:password|wallet.worker",
                "wallet.worker|wallet.worker",
                "4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge.rig1:x|4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge.rig1",
                "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a|bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
                "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a.rig7:pw|bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a.rig7",
                ":only-a-password|''"
            })
    void poolUsersKeepTheAccountAndWorkerAndPayoutAddress(String user, String stripped) {
        assertThat(PoolCredentials.user(user)).isEqualTo(stripped);
    }

    @Test
    void strippingKeepsTheAddressThePoolResolvedToForScreening() {
        Pool stripped = PoolCredentials.strip(new Pool(
                "stratum+tcp://wallet.rig1:S3cret@pool.example.ru:3333", "wallet.rig1:S3cret", true, "77.88.8.8"));
        assertThat(stripped)
                .isEqualTo(
                        new Pool("stratum+tcp://wallet.rig1@pool.example.ru:3333", "wallet.rig1", true, "77.88.8.8"));
    }

    @Test
    void aPasswordSentOverMqttReachesNoMetricApiEventLogReportOrLogLine(@TempDir Path dir) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try (RunningCollector collector = new RunningCollector(dir)) {
            String token = collector.addSite("pools-site");
            ObjectNode message = TestTelemetry.at("pools-site", "rig-1", 1, 52.28, 104.30);
            ArrayNode pools = message.putArray("pools");
            pools.addObject()
                    .put("url", "stratum+tcp://user:" + SECRET + "@pool:3333")
                    .put("user", "wallet.worker:" + USER_PASSWORD)
                    .put("active", true);
            pools.addObject()
                    .put("url", "stratum+tcp://backup:" + SECRET + "@pool2:443")
                    .put("user", "wallet.worker:" + USER_PASSWORD)
                    .put("active", false);
            try (MqttTestClient agent =
                    MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "pools-site", token)) {
                agent.connAck();
                agent.publish(
                        TestTelemetry.topic("pools-site", "rig-1"),
                        TestTelemetry.bytes(message),
                        MqttQoS.AT_LEAST_ONCE);
                agent.await(MqttMessageType.PUBACK);
            }

            String metrics =
                    MetricsScrape.get(collector.http(), "/metrics/rigs").body();
            assertThat(metrics).contains("pool=\"stratum+tcp://user@pool:3333\"");
            String rigs = collector.get("/api/v1/rigs").body();
            assertThat(rigs)
                    .contains("\"url\":\"stratum+tcp://user@pool:3333\"")
                    .contains("\"url\":\"stratum+tcp://backup@pool2:443\"")
                    .contains("\"user\":\"wallet.worker\"");
            String one = collector.get("/api/v1/rigs/pools-site/rig-1").body();
            List<String> reports = List.of(
                    collector.get("/api/v1/report?format=json").body(),
                    collector.get("/api/v1/report?format=csv").body(),
                    collector.get("/api/v1/report?format=html").body());
            assertThat(reports.get(0)).as("the rig is in the report").contains("rig-1");
            String eventLog = Files.readString(dir.resolve(EventLog.FILE_NAME));
            assertThat(eventLog).as("the rig is in the event log").contains("rig-1");

            for (String seen : List.of(metrics, rigs, one, eventLog, reports.get(0), reports.get(1), reports.get(2))) {
                assertThat(seen).doesNotContain(SECRET).doesNotContain(USER_PASSWORD);
            }
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getFormattedMessage())
                        .doesNotContain(SECRET)
                        .doesNotContain(USER_PASSWORD));
    }
}
