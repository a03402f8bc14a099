package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Static checks of every Grafana dashboard in dashboards/grafana/dashboards: what Grafana would accept
 * silently and render wrongly. Unique uids and panel ids, datasource references that the provisioning
 * defines, a known unit on every panel that shows numbers, template variables that exist, and panels that
 * fit the 24-column grid without overlapping.
 */
class DashboardLintIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DASHBOARDS =
            StackConfigIT.ExternalTool.repositoryRoot().resolve("dashboards");
    private static final Pattern PROVISIONED_UID = Pattern.compile("(?m)^\\s+uid:\\s*(\\S+)\\s*$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    /** Grafana's own variables that expressions may use. */
    private static final Set<String> GRAFANA_VARIABLES =
            Set.of("__rate_interval", "__interval", "__interval_ms", "__range", "__range_s", "__range_ms");
    /** Grafana unit ids these dashboards may use (Grafana's valueFormats categories); "suffix:X" is a custom unit. */
    private static final Set<String> GRAFANA_UNITS = Set.of(
            "none",
            "short",
            "percent",
            "percentunit",
            "Hs",
            "KHs",
            "MHs",
            "GHs",
            "THs",
            "PHs",
            "EHs",
            "watt",
            "kwatt",
            "celsius",
            "rotrpm",
            "degree",
            "s",
            "ms",
            "bytes",
            "decbytes",
            "dateTimeAsIso",
            "dateTimeFromNow",
            "mps",
            "cps",
            "ops",
            "reqps");
    /** Panel types that draw no numbers and need no unit. */
    private static final Set<String> WITHOUT_NUMBERS = Set.of("row", "text", "news", "dashlist", "alertlist");

    @Test
    void theFourDashboardsAreThereWithUniqueUidsAndTitles() throws IOException {
        List<JsonNode> dashboards =
                dashboards().stream().map(DashboardLintIT::read).toList();
        List<String> uids = dashboards.stream().map(d -> d.path("uid").asText()).toList();
        assertThat(uids)
                .containsExactlyInAnyOrder(
                        "hashfence-fleet", "hashfence-compliance", "hashfence-rig", "hashfence-collector");
        assertThat(dashboards.stream().map(d -> d.path("title").asText()).toList())
                .doesNotHaveDuplicates()
                .allMatch(title -> title.startsWith("Hashfence / "));
        assertThat(dashboards)
                .allSatisfy(d -> assertThat(d.path("schemaVersion").asInt()).isBetween(36, 41));
    }

    @TestFactory
    Stream<DynamicTest> everyDashboardPassesLint() throws IOException {
        Set<String> datasourceUids = provisionedDatasourceUids();
        assertThat(datasourceUids).contains("hashfence-prometheus");
        return dashboards().stream()
                .map(file ->
                        DynamicTest.dynamicTest(file.getFileName().toString(), () -> lint(read(file), datasourceUids)));
    }

    private static void lint(JsonNode dashboard, Set<String> datasourceUids) {
        List<String> problems = new ArrayList<>();
        Set<String> variables = new HashSet<>();
        for (JsonNode variable : dashboard.at("/templating/list")) {
            variables.add(variable.path("name").asText());
            checkDatasource(
                    "variable " + variable.path("name").asText(),
                    variable.path("datasource"),
                    datasourceUids,
                    problems);
            if (variable.path("includeAll").asBoolean()
                    && variable.path("allValue").asText().isEmpty()) {
                problems.add("variable " + variable.path("name").asText() + " offers All without an allValue: Grafana "
                        + "would send every value as one huge regex");
            }
        }
        Map<Integer, String> ids = new HashMap<>();
        Set<String> titles = new HashSet<>();
        List<JsonNode> placed = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            String name = "panel " + panel.path("id").asText() + " \""
                    + panel.path("title").asText() + "\"";
            JsonNode grid = panel.path("gridPos");
            if (grid.path("w").asInt() < 1
                    || grid.path("h").asInt() < 1
                    || grid.path("x").asInt() < 0
                    || grid.path("x").asInt() + grid.path("w").asInt() > 24) {
                problems.add(name + " lies outside Grafana's 24-column grid: " + grid);
            }
            for (JsonNode other : placed) {
                if (overlap(grid, other.path("gridPos"))) {
                    problems.add(name + " overlaps panel " + other.path("id").asText());
                }
            }
            placed.add(panel);
            if (!panel.path("id").isInt()) {
                problems.add(name + " has no numeric id");
            } else if (ids.putIfAbsent(panel.get("id").asInt(), name) != null) {
                problems.add(
                        name + " reuses the id of " + ids.get(panel.get("id").asInt()));
            }
            if (panel.path("title").asText().isBlank()
                    || !titles.add(panel.path("title").asText())) {
                problems.add(name + " has an empty or repeated title");
            }
            if (WITHOUT_NUMBERS.contains(panel.path("type").asText())) {
                continue;
            }
            checkDatasource(name, panel.path("datasource"), datasourceUids, problems);
            String unit = panel.at("/fieldConfig/defaults/unit").asText();
            if (!GRAFANA_UNITS.contains(unit) && !unit.matches("(suffix|prefix):\\S.*")) {
                problems.add(name + " has no known unit (fieldConfig.defaults.unit = \"" + unit + "\")");
            }
            for (JsonNode override : panel.at("/fieldConfig/overrides")) {
                for (JsonNode property : override.path("properties")) {
                    if (property.path("id").asText().equals("unit")
                            && !GRAFANA_UNITS.contains(property.path("value").asText())) {
                        problems.add(name + " overrides a field with unknown unit " + property.path("value"));
                    }
                }
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(name + " has no query");
            }
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                if (expr.isBlank()) {
                    problems.add(name + " has a target without an expression");
                }
                if (!refIds.add(target.path("refId").asText())) {
                    problems.add(name + " repeats refId " + target.path("refId").asText());
                }
                checkDatasource(
                        name + " target " + target.path("refId").asText(),
                        target.path("datasource"),
                        datasourceUids,
                        problems);
                Matcher matcher = VARIABLE.matcher(expr);
                while (matcher.find()) {
                    String variable = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    if (!variables.contains(variable) && !GRAFANA_VARIABLES.contains(variable)) {
                        problems.add(name + " uses undefined variable $" + variable);
                    }
                }
            }
        }
        assertThat(problems).as(dashboard.path("title").asText()).isEmpty();
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    private static void checkDatasource(String where, JsonNode datasource, Set<String> uids, List<String> problems) {
        if (!datasource.isObject()
                || !"prometheus".equals(datasource.path("type").asText())
                || !uids.contains(datasource.path("uid").asText())) {
            problems.add(where + " refers to datasource " + datasource + ", not a provisioned Prometheus uid " + uids);
        }
    }

    /** Top-level panels and the panels inside collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    private static Set<String> provisionedDatasourceUids() throws IOException {
        Set<String> uids = new HashSet<>();
        try (Stream<Path> files = Files.list(DASHBOARDS.resolve("grafana/provisioning/datasources"))) {
            for (Path file : files.toList()) {
                Matcher matcher = PROVISIONED_UID.matcher(Files.readString(file));
                while (matcher.find()) {
                    uids.add(matcher.group(1));
                }
            }
        }
        return uids;
    }

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS.resolve("grafana/dashboards"))) {
            List<Path> json =
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(json).isNotEmpty();
            return json;
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid JSON", e);
        }
    }
}
