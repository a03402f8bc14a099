package io.hashfence.collector.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report says of Crimea what the collector says: RU (de facto), claimed by UA, UA-43, in its own country
 * total rather than under Russia; in JSON, CSV and HTML, from what the running collector recorded.
 */
class DisputedLandReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void crimeaIsReportedAsRussiaDeFactoClaimedByUkraineNotCountedUnderRussiaAlone() throws Exception {
        try (RunningCollector collector = new RunningCollector(dir)) {
            String token = collector.addSite("blacksea");
            try (MqttTestClient agent =
                    MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "blacksea", token)) {
                agent.connAck();
                agent.publishAcknowledged(TestTelemetry.at("blacksea", "simferopol", 1, 44.95, 34.10));
                agent.publishAcknowledged(TestTelemetry.at("blacksea", "moscow", 1, 55.75, 37.62));
                agent.publishAcknowledged(TestTelemetry.at("blacksea", "zaporizhzhia", 1, 47.84, 35.14));
            }

            JsonNode json = JSON.readTree(body(collector, "/api/v1/report"));
            List<String> totals = new ArrayList<>();
            for (JsonNode total : json.at("/fleet/by_country")) {
                totals.add(total.get("country").asText() + " "
                        + total.get("claimed_by").asText() + " "
                        + total.get("control").asText() + " "
                        + total.get("rigs").asInt());
            }
            assertThat(totals).containsExactly("RU null undisputed 1", "RU UA de_facto 1", "UA RU contested 1");
            JsonNode simferopol = rig(json, "simferopol").get("at_end");
            assertThat(simferopol.get("country").asText()).isEqualTo("RU");
            assertThat(simferopol.get("claimed_by").asText()).isEqualTo("UA");
            assertThat(simferopol.get("control").asText()).isEqualTo("de_facto");
            assertThat(simferopol.get("subdivision").asText()).isEqualTo("UA-43");
            assertThat(rig(json, "simferopol").at("/violations/0/claimed_by").asText())
                    .isEqualTo("UA");
            assertThat(rig(json, "simferopol").at("/violations/0/border_km").asDouble())
                    .as("Simferopol, from Russia's outline around Crimea")
                    .isEqualTo(63.29);
            assertThat(rig(json, "moscow").at("/at_end/claimed_by").isNull()).isTrue();

            String csv = body(collector, "/api/v1/report?format=csv");
            assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",chain_head_hash,claimed_by,control,border_km");
            assertThat(csv.lines().filter(line -> line.startsWith("jurisdiction,blacksea,simferopol,RU,UA-43,land,")))
                    .singleElement()
                    .satisfies(line -> assertThat(line).endsWith(",UA,de_facto,"));
            assertThat(csv.lines().filter(line -> line.startsWith("jurisdiction,blacksea,moscow,RU,RU-MOS,land,")))
                    .singleElement()
                    .satisfies(line -> assertThat(line).endsWith(",,undisputed,"));
            assertThat(csv.lines().filter(line -> line.startsWith("violation,blacksea,simferopol,RU,UA-43,land,")))
                    .singleElement()
                    .satisfies(line -> assertThat(line).endsWith(",UA,de_facto,63.29"));

            String html = body(collector, "/api/v1/report?format=html");
            assertThat(html)
                    .contains("Crimea (UA-43), Russia (RU) de facto, claimed by Ukraine (UA), 63.3 km from the border")
                    .contains("Ukraine (UA), contested by Russia (RU)");
        }
    }

    private static JsonNode rig(JsonNode report, String name) {
        for (JsonNode rig : report.get("rigs")) {
            if (name.equals(rig.get("rig").asText())) {
                return rig;
            }
        }
        throw new AssertionError("no rig " + name + " in " + report);
    }

    private static String body(RunningCollector collector, String path) throws Exception {
        HttpResponse<String> response = collector.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
