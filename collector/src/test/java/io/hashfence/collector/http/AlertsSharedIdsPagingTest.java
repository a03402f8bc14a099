package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.alert.AlertStatus;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Collectors sharing a store number their alerts apart ({@code alert-NODE-N}), so one book can hold alerts with the
 * same number: the alert list orders them by number, then id, and a page of one walks every one exactly once.
 */
class AlertsSharedIdsPagingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    @Test
    void alertsOfSeveralCollectorsWithTheSameNumbersPageInNumberThenIdOrder() throws Exception {
        AlertBook book = new AlertBook(AlertConfig.defaults(), Clock.systemUTC(), notification -> {}, "alert-node-a-");
        List<Alert> adopted = new ArrayList<>();
        int rig = 0;
        for (String id : List.of("alert-node-b-2", "alert-node-a-2", "alert-node-b-1", "alert-node-a-1", "alert-7")) {
            adopted.add(Alert.builder()
                    .id(id)
                    .rig(new RigKey(SiteId.of("shared-01"), RigId.of("rig-" + rig++)))
                    .type(AlertType.IN_RESTRICTED_JURISDICTION)
                    .status(AlertStatus.FIRING)
                    .severity(Severity.CRITICAL)
                    .openedAt(NOW)
                    .firedAt(NOW)
                    .build());
        }
        book.adopt(adopted);
        AlertsEndpoint endpoint = new AlertsEndpoint(book, alert -> {}, new CollectorJson(), new HttpMetrics());

        List<String> walked = new ArrayList<>();
        JsonNode page = page(endpoint, Map.of("limit", List.of("1")));
        walked.add(page.at("/alerts/0/id").asText());
        while (page.has("next")) {
            page = page(
                    endpoint,
                    Map.of(
                            "limit",
                            List.of("1"),
                            "next",
                            List.of(page.get("next").asText())));
            assertThat(page.get("count").asInt()).isEqualTo(1);
            walked.add(page.at("/alerts/0/id").asText());
        }
        assertThat(walked)
                .containsExactly("alert-node-a-1", "alert-node-b-1", "alert-node-a-2", "alert-node-b-2", "alert-7");
    }

    private static JsonNode page(AlertsEndpoint endpoint, Map<String, List<String>> query) throws Exception {
        Response response = endpoint.list(new Request(HttpMethod.GET, "/api/v1/alerts", Map.of(), query, new byte[0]));
        assertThat(response.status().code()).isEqualTo(200);
        return JSON.readTree(response.bytes(new CollectorJson()));
    }
}
