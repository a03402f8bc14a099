package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertStatus;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart is no way out: a rig held in violation at Irkutsk and suspected of spoofing, claiming Texas
 * after the collector restarted, is still in violation there and still suspected.
 */
class VerdictsAcrossRestartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "texas-02";
    private static final String RIG = "s19-0007";

    @TempDir
    Path dir;

    @Test
    void aHeldViolationAndASpoofingSuspicionSurviveARestart() throws Exception {
        Path data = dir.resolve("data");
        String token;
        try (RunningCollector collector = new RunningCollector(data)) {
            token = collector.addSite(SITE);
            collector.publishAs(SITE, token, at(1, 52.29, 104.29), at(2, 30.6555, -97.0014));
            assertThat(firing(collector)).contains(AlertType.IN_RESTRICTED_JURISDICTION, AlertType.SPOOF_SUSPECTED);
        }
        try (RunningCollector restarted = new RunningCollector(data)) {
            restarted.publishAs(SITE, token, at(3, 30.6556, -97.0015));
            HttpResponse<String> rig = restarted.get("/api/v1/rigs/" + SITE + "/" + RIG);
            JsonNode compliance = JSON.readTree(rig.body()).get("compliance");
            assertThat(compliance.get("state").asText()).isEqualTo("violation");
            assertThat(compliance.at("/subdivision/code").asText()).isEqualTo("RU-IRK");
            assertThat(compliance.get("evidence").toString())
                    .contains("raised before the collector restarted", "it now claims 30.65560, -97.00150 in US-TX");
            restarted.collector().alerts().tick();
            assertThat(firing(restarted)).contains(AlertType.IN_RESTRICTED_JURISDICTION, AlertType.SPOOF_SUSPECTED);
        }
    }

    private static List<AlertType> firing(RunningCollector collector) {
        return collector.collector().alerts().open().stream()
                .filter(a -> a.status() == AlertStatus.FIRING)
                .map(Alert::type)
                .toList();
    }

    private static ObjectNode at(long seq, double lat, double lon) {
        return TestTelemetry.at(SITE, RIG, seq, lat, lon);
    }
}
