package io.hashfence.collector.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.http.Request;
import io.hashfence.collector.http.Response;
import io.hashfence.collector.json.CollectorJson;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CollectorJson COLLECTOR_JSON = new CollectorJson();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    String head;
    ReportEndpoint endpoint;

    @BeforeEach
    void writeLog() throws Exception {
        head = SampleFleet.history().writeTo(data);
        endpoint = new ReportEndpoint(data, NOW, COLLECTOR_JSON);
    }

    @Test
    void withoutParametersItIsJsonOverTheLast30Days() throws Exception {
        Response response = endpoint.handle(get());

        assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(response.bytes(COLLECTOR_JSON));
        assertThat(body.at("/period/from").asText()).isEqualTo("2026-10-02T00:00:00Z");
        assertThat(body.at("/period/to").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(body.at("/chain/head_hash").asText()).isEqualTo(head);
        assertThat(body.at("/generated_at").asText()).isEqualTo("2026-11-01T00:00:00Z");
    }

    @Test
    void csvAndHtmlHaveTheirContentTypes() {
        Response csv =
                endpoint.handle(get("format", "csv", "from", "2026-10-01T00:00:00Z", "to", "2026-10-15T00:00:00Z"));
        assertThat(csv.contentType()).startsWith("text/csv; charset=utf-8");
        assertThat(new String(csv.bytes(COLLECTOR_JSON), StandardCharsets.UTF_8))
                .startsWith("record,site,rig,")
                .contains("report,,,,,,2026-10-01T00:00:00Z,2026-10-15T00:00:00Z,");

        // an unencoded "+02:00" in a query string arrives as " 02:00"
        Response html = endpoint.handle(get("format", "HTML", "from", "2026-10-01T02:00:00 02:00"));
        assertThat(html.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(html.bytes(COLLECTOR_JSON), StandardCharsets.UTF_8))
                .contains("<svg")
                .contains(head)
                .contains("2026-10-01 00:00:00 UTC");
    }

    @Test
    void badParametersAre400sNamingTheParameter() throws Exception {
        assertBadRequest(get("from", "yesterday"), "from must be an RFC 3339 time");
        assertBadRequest(get("to", "2026-13-01T00:00:00Z"), "to must be an RFC 3339 time");
        assertBadRequest(
                get("from", "2026-11-01T00:00:00Z", "to", "2026-10-01T00:00:00Z"),
                "from (2026-11-01T00:00:00Z) must be before to (2026-10-01T00:00:00Z)");
        assertBadRequest(get("format", "pdf"), "format must be json, csv or html, got \"pdf\"");
    }

    @Test
    void aBrokenChainIsAServerErrorNamingTheRecord() throws Exception {
        Path log = data.resolve(EventLog.FILE_NAME);
        List<String> lines = Files.readAllLines(log);
        lines.remove(4);
        Files.write(log, lines);

        Response response = endpoint.handle(get());

        assertThat(response.status()).isEqualTo(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        assertThat(JSON.readTree(response.bytes(COLLECTOR_JSON)).get("error").asText())
                .contains("record 5 (line 5)");
    }

    private void assertBadRequest(Request request, String message) throws Exception {
        Response response = endpoint.handle(request);
        assertThat(response.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        JsonNode body = JSON.readTree(response.bytes(COLLECTOR_JSON));
        assertThat(body.get("error").asText()).contains(message);
        assertThat(body.get("status").asInt()).isEqualTo(400);
    }

    private static Request get(String... nameValues) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            query.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return new Request(HttpMethod.GET, "/api/v1/report", Map.of(), query, new byte[0]);
    }
}
