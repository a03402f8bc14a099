package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.testing.ExternalBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's configuration, checked by the tools that will run it: Prometheus's config and alert rules
 * with promtool (including a unit test for every rule), Alertmanager's routing with amtool, and
 * docker-compose.yml with docker-compose itself, plus the wiring between them that no single tool sees
 * (mounted paths exist, service names and ports agree across files, images run as non-root users).
 */
class StackConfigIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = ExternalTool.repositoryRoot();
    private static final Path DASHBOARDS = REPO.resolve("dashboards");
    private static final Path RULES = DASHBOARDS.resolve("prometheus/rules/hashfence-operational.yml");
    private static final Path RULE_TESTS = DASHBOARDS.resolve("prometheus/tests/hashfence-operational.test.yml");
    private static final Path ALERTMANAGER_CONFIG = DASHBOARDS.resolve("alertmanager/alertmanager.yml");

    @TempDir
    Path workDir;

    @Test
    void prometheusConfigAndRulesAreValid() throws Exception {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        ExternalTool.Result result = ExternalTool.run(
                REPO,
                promtool.toString(),
                "check",
                "config",
                DASHBOARDS.resolve("prometheus/prometheus.yml").toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 6 rules found");
    }

    @Test
    void everyAlertRuleHasAUnitTestAndAllOfThemPass() throws Exception {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        Set<String> rules = matches(Pattern.compile("(?m)^\\s*- alert: (\\w+)\\s*$"), Files.readString(RULES));
        Set<String> tested =
                matches(Pattern.compile("(?m)^\\s*- alertname: (\\w+)\\s*$"), Files.readString(RULE_TESTS));
        assertThat(rules)
                .containsExactlyInAnyOrder(
                        "HashfenceCollectorDown",
                        "HashfenceIngestRejectionsHigh",
                        "HashfenceAlertNotificationsFailing",
                        "RigDown",
                        "RigHashrateDrop",
                        "RigMinerNotMining");
        assertThat(tested).as("rules with a promtool unit test").containsAll(rules);

        ExternalTool.Result result =
                ExternalTool.run(REPO, promtool.toString(), "test", "rules", RULE_TESTS.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void alertmanagerRoutesComplianceAlertsToComplianceAndOperationalOnesToOperations() throws Exception {
        Path amtool = ExternalTool.require("amtool", "prometheus-alertmanager");
        ExternalTool.Result check =
                ExternalTool.run(REPO, amtool.toString(), "check-config", ALERTMANAGER_CONFIG.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();

        // labels as the collector pushes them (compliance) and as Prometheus's rules set them (operational)
        Map<String, String> expected = new LinkedHashMap<>(Map.of(
                "alertname=RigInRestrictedJurisdiction site=texas-01 rig=s19-0001 country=RU subdivision=RU-IRK severity=critical",
                "compliance-urgent",
                "alertname=RigLocationUnverified site=texas-01 rig=s19-0001 country=US subdivision=US-TX severity=critical",
                "compliance-urgent",
                "alertname=RigNearRestrictedBorder site=texas-01 rig=s19-0001 country=UA subdivision=UA-65 severity=warning",
                "compliance",
                "alertname=RigRelocated site=texas-01 rig=s19-0001 country=KZ subdivision=KZ-PAV severity=info",
                "compliance",
                "alertname=RigLocationUnknown site=texas-01 rig=s19-0001 country= subdivision= severity=warning",
                "compliance",
                "alertname=HashfenceCollectorDown job=hashfence-collector instance=collector:9464 severity=critical category=operational",
                "operations-urgent",
                "alertname=HashfenceAlertNotificationsFailing instance=collector:9464 sink=alertmanager outcome=failed severity=critical category=operational",
                "operations-urgent",
                "alertname=RigDown site=texas-01 rig=s19-0001 severity=warning category=operational",
                "operations",
                "alertname=RigHashrateDrop site=texas-01 rig=s19-0001 severity=warning category=operational",
                "operations",
                "alertname=SomethingElse severity=critical",
                "operations"));
        expected.put(
                "alertname=RigLocationSpoofSuspected site=singapore-holding rig=s19-0001 country=SG "
                        + "subdivision=SG-03 severity=critical",
                "compliance-urgent");
        expected.put(
                "alertname=RigMinerNotMining site=texas-01 rig=s19-0001 severity=warning category=operational",
                "operations");
        expected.put(
                "alertname=PayoutToSanctionedAddress site=texas-01 rig=s19-0001 country= subdivision= "
                        + "severity=critical",
                "compliance-urgent");
        expected.put(
                "alertname=PoolInRestrictedJurisdiction site=texas-01 rig=s19-0001 country=RU subdivision= "
                        + "severity=warning",
                "compliance");
        for (Map.Entry<String, String> route : expected.entrySet()) {
            List<String> command = new ArrayList<>(
                    List.of(amtool.toString(), "config", "routes", "test", "--config.file=" + ALERTMANAGER_CONFIG));
            command.addAll(List.of(route.getKey().split(" ")));
            ExternalTool.Result result = ExternalTool.run(REPO, command.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.stdout().strip()).as(route.getKey()).isEqualTo(route.getValue());
        }
    }

    @Test
    void composeFileIsValidAndWiresTheStackTogether() throws Exception {
        JsonNode services = composeServices();
        assertThat(fieldNames(services))
                .containsExactlyInAnyOrder(
                        "collector-init", "collector", "fleet", "prometheus", "alertmanager", "grafana");

        for (JsonNode service : services) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("/")) {
                    assertThat(Path.of(source))
                            .as("bind-mounted from the repository")
                            .exists();
                }
            }
        }
        assertThat(services.at("/collector/build/dockerfile").asText()).isEqualTo("collector/Dockerfile");
        assertThat(services.at("/collector-init/build/dockerfile").asText()).isEqualTo("collector/Dockerfile");
        assertThat(services.at("/fleet/build/dockerfile").asText()).isEqualTo("agent/Dockerfile");

        // Grafana: the provisioning is mounted where Grafana reads it, the dashboards where the provider looks,
        // and the datasource points at the prometheus service.
        Map<String, String> grafanaMounts = mounts(services.get("grafana"));
        assertThat(grafanaMounts)
                .containsEntry(
                        "/etc/grafana/provisioning",
                        DASHBOARDS.resolve("grafana/provisioning").toString());
        JsonNode provider = ExternalTool.yaml(DASHBOARDS.resolve("grafana/provisioning/dashboards/hashfence.yml"))
                .at("/providers/0");
        assertThat(grafanaMounts)
                .containsEntry(
                        provider.at("/options/path").asText(),
                        DASHBOARDS.resolve("grafana/dashboards").toString());
        JsonNode datasource = ExternalTool.yaml(DASHBOARDS.resolve("grafana/provisioning/datasources/prometheus.yml"))
                .at("/datasources/0");
        assertThat(datasource.get("url").asText()).isEqualTo("http://prometheus:9090");

        // Prometheus reads the shipped config and rules; its targets are the compose services and their ports.
        assertThat(mounts(services.get("prometheus")))
                .containsEntry(
                        "/etc/prometheus", DASHBOARDS.resolve("prometheus").toString());
        assertThat(commandOf(services.get("prometheus"))).contains("--config.file=/etc/prometheus/prometheus.yml");
        JsonNode prometheus = ExternalTool.yaml(DASHBOARDS.resolve("prometheus/prometheus.yml"));
        assertThat(prometheus.at("/scrape_configs/0/http_sd_configs/0/url").asText())
                .as("Prometheus takes its targets, /metrics and the rig shards, from the collector")
                .isEqualTo("http://collector:9464/api/v1/scrape-targets/prometheus");
        assertThat(prometheus
                        .at("/alerting/alertmanagers/0/static_configs/0/targets/0")
                        .asText())
                .isEqualTo("alertmanager:9093");
        assertThat(String.join(" ", commandOf(services.get("collector"))))
                .contains("--http-port 9464")
                .contains("--mqtt-port 1883")
                .contains("--alertmanager http://alertmanager:9093");
        assertThat(mounts(services.get("alertmanager")))
                .containsEntry("/etc/alertmanager/alertmanager.yml", ALERTMANAGER_CONFIG.toString());

        // The fleet reads the site tokens that collector-init writes, from the volume both mount.
        List<String> fleet = commandOf(services.get("fleet"));
        assertThat(String.join(" ", fleet)).contains("--collector tcp://collector:1883");
        String sitesFile = fleet.get(fleet.indexOf("--sites-file") + 1);
        assertThat(commandOf(services.get("collector-init")).get(0)).contains("sites=" + sitesFile);
        assertThat(volumeHolding(services.get("fleet"), sitesFile))
                .isEqualTo(volumeHolding(services.get("collector-init"), sitesFile))
                .isEqualTo("collector-data");
    }

    @Test
    void dockerfilesPackTheShippedJarOnAJreGivenAsABuildArgumentAndRunItAsANonRootUser() throws Exception {
        assertDockerfile("collector", "hashfence-collector.jar");
        assertDockerfile("agent", "hashfence-agent.jar");
    }

    @Test
    void composeRunsOurServicesOnReadOnlyRootFilesystemsAndBuildsOnTheJreItIsGiven() throws Exception {
        JsonNode services = composeServices();
        for (String service : List.of("collector-init", "collector", "fleet", "prometheus", "alertmanager")) {
            assertThat(services.at("/" + service + "/read_only").asBoolean())
                    .as(service + " read_only")
                    .isTrue();
            assertThat(services.at("/" + service + "/tmpfs/0").asText())
                    .as(service + " tmpfs")
                    .isEqualTo("/tmp");
        }
        for (String service : List.of("collector-init", "collector", "fleet")) {
            assertThat(services.at("/" + service + "/build/args/JRE_IMAGE").asText())
                    .as(service)
                    .isEqualTo("eclipse-temurin:17-jre");
        }
        assertThat(services.at("/prometheus/image").asText()).isEqualTo("prom/prometheus:v2.53.2");
        assertThat(services.at("/alertmanager/image").asText()).isEqualTo("prom/alertmanager:v0.27.0");
        assertThat(services.at("/fleet/depends_on/collector/condition").asText())
                .isEqualTo("service_healthy");
    }

    /** The compose file's services as {@code docker-compose config} resolves them. */
    private JsonNode composeServices() throws Exception {
        Path compose = ExternalTool.require("docker-compose", "docker-compose");
        ExternalTool.Result config = ExternalTool.run(REPO, compose.toString(), "-f", "docker-compose.yml", "config");
        assertThat(config.exitCode()).as(config.output()).isZero();
        Path resolved = workDir.resolve("compose-resolved.yml");
        Files.writeString(resolved, config.stdout());
        return ExternalTool.yaml(resolved).get("services");
    }

    private static void assertDockerfile(String module, String jar) throws IOException {
        List<String> lines = Files.readAllLines(REPO.resolve(module).resolve("Dockerfile"));
        assertThat(lines)
                .as("the official Temurin JRE unless another is given")
                .contains("ARG JRE_IMAGE=eclipse-temurin:17-jre");
        assertThat(lines.stream().filter(l -> l.startsWith("FROM ")).toList()).containsExactly("FROM ${JRE_IMAGE}");
        String builtJar = module + "/target/" + jar;
        assertThat(lines).as("the jar the Maven build made").contains("COPY " + builtJar + " /opt/hashfence/" + jar);
        assertThat(Files.readAllLines(REPO.resolve(".dockerignore")))
                .as("the build context admits the jar")
                .contains("!" + builtJar);
        assertThat(lines.stream().filter(l -> l.startsWith("USER ")).toList())
                .singleElement()
                .asString()
                .matches("USER [1-9][0-9]*:[1-9][0-9]*");
        assertThat(lines).anyMatch(l -> l.startsWith("HEALTHCHECK "));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("ENTRYPOINT [\"java\"") && l.contains("\"/opt/hashfence/" + jar + "\""));
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> commandOf(JsonNode service) {
        List<String> command = new ArrayList<>();
        service.path("command").forEach(part -> command.add(part.asText()));
        return command;
    }

    /** Container path to host path (bind mounts) or volume name, from docker-compose config's short syntax. */
    private static Map<String, String> mounts(JsonNode service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            mounts.put(parts[1], parts[0]);
        }
        return mounts;
    }

    private static String volumeHolding(JsonNode service, String file) {
        return mounts(service).entrySet().stream()
                .filter(e -> file.startsWith(e.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume holds " + file));
    }

    /**
     * The programs the stack tests run (promtool, prometheus, amtool, docker-compose, mosquitto_pub ...),
     * found on the PATH or in /usr/bin and /usr/sbin. A missing one skips the test with the Debian package
     * to install, except under CI=true, where it fails the test.
     */
    static final class ExternalTool {
        private static final Duration TIMEOUT = Duration.ofSeconds(60);

        private ExternalTool() {}

        record Result(int exitCode, String stdout, String stderr) {
            String output() {
                return stdout + stderr;
            }
        }

        static Path require(String name, String debianPackage) {
            return ExternalBinary.require(name, debianPackage);
        }

        static Result run(Path dir, String... command) throws IOException, InterruptedException {
            return runWithInput(dir, "", command);
        }

        /** Runs a command to completion with the given standard input. */
        static Result runWithInput(Path dir, String input, String... command) throws IOException, InterruptedException {
            Path in = Files.createTempFile("hashfence-tool", ".in");
            Files.writeString(in, input, StandardCharsets.UTF_8);
            Path out = Files.createTempFile("hashfence-tool", ".out");
            Path err = Files.createTempFile("hashfence-tool", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectInput(in.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT);
                }
                return new Result(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        /** A YAML file as JSON, read by PyYAML, which the docker-compose package brings along (python3-yaml). */
        static JsonNode yaml(Path file) throws IOException, InterruptedException {
            Path debianPython = Path.of("/usr/bin/python3");
            Path python = Files.isExecutable(debianPython) ? debianPython : require("python3", "python3-yaml");
            Result result = run(
                    file.getParent(),
                    python.toString(),
                    "-c",
                    "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)",
                    file.toString());
            assertThat(result.exitCode())
                    .as("PyYAML reads " + file + ": " + result.output())
                    .isZero();
            return JSON.readTree(result.stdout());
        }

        /** The repository: the nearest directory above the working directory with pom.xml and dashboards/. */
        static Path repositoryRoot() {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null) {
                if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("dashboards"))) {
                    return dir;
                }
                dir = dir.getParent();
            }
            throw new AssertionError(
                    "no repository root with dashboards/ above " + Path.of("").toAbsolutePath());
        }
    }
}
