package io.hashfence.collector.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.json.CollectorJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Report SAMPLE = SampleFleet.history().report(SampleFleet.FROM, SampleFleet.TO);

    @Test
    void jsonHasTheDocumentedFieldsInSnakeCase() throws Exception {
        JsonNode root = JSON.readTree(ReportFormat.JSON.render(SAMPLE, new CollectorJson()));

        assertThat(root.fieldNames())
                .toIterable()
                .containsExactly(
                        "report_version",
                        "period",
                        "generated_at",
                        "chain",
                        "compacted",
                        "policies",
                        "fleet",
                        "rigs",
                        "screening",
                        "exemptions");
        assertThat(root.get("compacted").isNull()).isTrue();
        assertThat(root.at("/period/from").asText()).isEqualTo(SampleFleet.FROM);
        assertThat(root.at("/chain/head_hash").asText()).isEqualTo("ab".repeat(32));
        assertThat(root.at("/fleet/rigs").asInt()).isEqualTo(8);
        assertThat(root.at("/fleet/violations").asInt()).isEqualTo(3);
        assertThat(root.at("/fleet/alerts/opened").asInt())
                .as("the alert before the period is not counted")
                .isEqualTo(2);
        assertThat(root.at("/fleet/by_country/0/country").asText()).isEqualTo("EE");
        assertThat(root.at("/policies/0/restricted/0/code").asText()).isEqualTo("BY");

        JsonNode alm02 = rig(root, "alm-02");
        assertThat(alm02.fieldNames())
                .toIterable()
                .containsExactly(
                        "site",
                        "rig",
                        "model",
                        "at_end",
                        "trust_seen",
                        "jurisdictions",
                        "violations",
                        "suspicions_cleared");
        JsonNode violation = alm02.at("/violations/0");
        assertThat(violation.get("subdivision").asText()).isEqualTo("RU-IRK");
        assertThat(violation.get("start").asText()).isEqualTo("2026-10-08T06:00:00Z");
        assertThat(violation.get("end").asText()).isEqualTo("2026-10-11T18:00:00Z");
        assertThat(violation.get("ongoing").asBoolean()).isFalse();
        assertThat(violation.get("duration_s").asDouble()).isEqualTo(3.5 * 86_400);
        assertThat(violation.at("/restriction/code").asText()).isEqualTo("RU");
        assertThat(violation.get("trust").asText()).isEqualTo("high");
        assertThat(violation.get("began_before_checkpoint").asBoolean()).isFalse();
        assertThat(alm02.at("/jurisdictions/0/zone").asText()).isEqualTo("land");

        JsonNode irk01 = rig(root, "irk-01");
        assertThat(irk01.at("/violations/0/end").isNull()).isTrue();
        assertThat(irk01.at("/violations/0/ongoing").asBoolean()).isTrue();
        assertThat(irk01.at("/at_end/state").asText()).isEqualTo("violation");
        assertThat(irk01.at("/at_end/lat").asDouble()).isEqualTo(52.29);
        JsonNode bench = rig(root, "bench-01");
        assertThat(bench.at("/at_end/country").isNull()).isTrue();
        assertThat(bench.at("/at_end/lat").isNull()).isTrue();
        assertThat(rig(root, "sev-01").get("trust_seen"))
                .extracting(JsonNode::asText)
                .containsExactly("low", "high");
    }

    @Test
    void csvIsOneRfc4180TableWithAReportRowThenStaysAndViolations() {
        Report report = new FleetHistory()
                .policy("2026-09-01T00:00:00Z", "default", "RU")
                .firstSeen("2026-10-05T00:00:00Z", "s1", "r1", Where.ALMATY)
                .moved("2026-10-06T00:00:00Z", "s1", "r1", Where.ALMATY, Where.IRKUTSK)
                .stateChanged(
                        "2026-10-06T00:00:00Z",
                        "s1",
                        "r1",
                        Where.ALMATY,
                        Where.IRKUTSK,
                        "gps_fix: \"live\", 52.29,104.29\nip_country_agrees",
                        "RU")
                .report(SampleFleet.FROM, SampleFleet.TO);
        String csv = new String(ReportFormat.CSV.render(report, new CollectorJson()), StandardCharsets.UTF_8);

        assertThat(csv).endsWith("\r\n").doesNotContain("\r\n\r\n");
        List<String> rows = records(csv);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).isEqualTo(String.join(",", CsvReport.COLUMNS));
        assertThat(rows.get(1))
                .isEqualTo("report,,,,,," + SampleFleet.FROM + "," + SampleFleet.TO + ",2678400,,,,,,,,"
                        + "ab".repeat(32) + ",,,");
        assertThat(rows.get(2))
                .isEqualTo("jurisdiction,s1,r1,KZ,KZ-75,land,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,"
                        + "86400,,,,,,,,,,undisputed,");
        assertThat(rows.get(4))
                .isEqualTo(
                        "violation,s1,r1,RU,RU-IRK,land,2026-10-06T00:00:00Z,,2246400,true,false,RU,critical,"
                                + "restricted by policy: RU,\"gps_fix: \"\"live\"\", 52.29,104.29\nip_country_agrees\",high,,,undisputed,");
        assertThat(rows).allSatisfy(row -> assertThat(fieldCount(row)).isEqualTo(CsvReport.COLUMNS.size()));
    }

    @Test
    void csvQuotesOnlyWhatNeedsQuoting() {
        assertThat(CsvReport.field("plain text")).isEqualTo("plain text");
        assertThat(CsvReport.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReport.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReport.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CsvReport.field(null)).isEmpty();
    }

    @Test
    void htmlIsSelfContainedWithTheMapTablesAndHeadHash() {
        byte[] bytes = ReportFormat.HTML.render(SAMPLE, new CollectorJson());
        String html = new String(bytes, StandardCharsets.UTF_8);

        assertThat(bytes.length).as("small enough to mail").isLessThan(2_000_000);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg class=\"world-map\"")
                .contains("</svg>")
                .contains("ab".repeat(32))
                .contains("hashfence-collector verify --data-dir DIR");
        Pattern external =
                Pattern.compile("(?i)(https?:|ftp:|//[a-z0-9]|\\bsrc\\s*=|\\bhref\\s*=|url\\(|@import|<script"
                        + "|<link|<iframe|<object|<embed)");
        assertThat(external.matcher(html).find())
                .as("no external resource or script: " + firstMatch(external, html))
                .isFalse();
        assertThat(html)
                .contains("<path class=\"restricted\"")
                .contains("Restricted: Russia (RU)")
                .contains("Restricted: Crimea (UA-43)");
        assertThat(count(html, "<circle class=\"rig "))
                .as("every rig with a position is a dot")
                .isEqualTo(7);
        assertThat(html)
                .contains("<circle class=\"rig violation\"")
                .contains("<circle class=\"rig compliant\"")
                .contains("<circle class=\"rig warning\"")
                .contains("<circle class=\"rig unknown\"");
        assertThat(count(html, "<tr class=\"violation-row\">")).isEqualTo(3);
        assertThat(count(html, "<tr class=\"rig-row\">")).isEqualTo(8);
        assertThat(html)
                .contains("Irkutsk (RU-IRK), Russia")
                .contains("still in violation at the end of the period")
                .contains("1 rig has no known position");
    }

    @Test
    void htmlEscapesWhatTheLogSays() {
        Report report = new FleetHistory()
                .policy("2026-09-01T00:00:00Z", "<b>policy</b>", "RU")
                .firstSeen("2026-10-05T00:00:00Z", "s1", "r1", Where.ALMATY)
                .stateChanged(
                        "2026-10-06T00:00:00Z",
                        "s1",
                        "r1",
                        Where.ALMATY,
                        Where.IRKUTSK,
                        "<script>alert('x')</script> & more",
                        "RU")
                .report(SampleFleet.FROM, SampleFleet.TO);
        String html = new String(ReportFormat.HTML.render(report, new CollectorJson()), StandardCharsets.UTF_8);

        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<b>policy</b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
                .contains("&lt;b&gt;policy&lt;/b&gt;");
    }

    private static JsonNode rig(JsonNode root, String name) {
        for (JsonNode rig : root.get("rigs")) {
            if (rig.get("rig").asText().equals(name)) {
                return rig;
            }
        }
        throw new AssertionError("no rig " + name);
    }

    /** Splits on CRLF outside quotes. */
    private static List<String> records(String csv) {
        List<String> records = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '\r' && csv.charAt(i + 1) == '\n') {
                records.add(csv.substring(start, i));
                start = i + 2;
                i++;
            }
        }
        return records;
    }

    private static int fieldCount(String record) {
        int fields = 1;
        boolean quoted = false;
        for (char c : record.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields++;
            }
        }
        return fields;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String firstMatch(Pattern pattern, String text) {
        var m = pattern.matcher(text);
        return m.find() ? text.substring(Math.max(0, m.start() - 40), Math.min(text.length(), m.end() + 40)) : "none";
    }
}
