package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.hashfence.testing.Await;
import io.hashfence.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * docker-compose.yml for real, driven by Testcontainers: the collector and agent images are built from this
 * build's jars (on the Debian JRE that ./hashfence images makes), Prometheus and Alertmanager run from the
 * images made from Debian's packages, and the assertions go through the ports the stack publishes, as a user's
 * browser would. Grafana's image cannot be made without a registry, so the stack runs without it here (its
 * service is validated by StackConfigIT).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {
    private static final Path REPO = StackConfigIT.ExternalTool.repositoryRoot();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Generous: the images build and four JVMs and Go programs start on a loaded 2-core machine. */
    private static final Duration STARTUP = Duration.ofMinutes(5);
    /** The fleet reports every 10 s and Prometheus scrapes every 15 s; this is a ceiling, not a wait. */
    private static final Duration SETTLE = Duration.ofMinutes(3);

    private static final int RIGS = 200;
    private static final Set<String> RESTRICTED_COUNTRIES = Set.of("RU", "BY", "IR", "CU", "KP", "UA");

    private static DockerClient docker;
    private static DockerComposeContainer<?> stack;
    private static Map<String, String> environment;
    private static int httpPort;
    private static int prometheusPort;
    private static int alertmanagerPort;

    @BeforeAll
    static void startTheStack() throws IOException {
        docker = DockerEngine.requireImages(
                DockerEngine.JRE_IMAGE, DockerEngine.PROMETHEUS_IMAGE, DockerEngine.ALERTMANAGER_IMAGE);
        StackConfigIT.ExternalTool.require("docker-compose", "docker-compose");
        httpPort = FreePorts.pick();
        prometheusPort = FreePorts.pick();
        alertmanagerPort = FreePorts.pick();
        environment = Map.of(
                "HASHFENCE_JRE_IMAGE", DockerEngine.JRE_IMAGE,
                "HASHFENCE_PROMETHEUS_IMAGE", DockerEngine.PROMETHEUS_IMAGE,
                "HASHFENCE_ALERTMANAGER_IMAGE", DockerEngine.ALERTMANAGER_IMAGE,
                "HASHFENCE_STACK_MQTT_PORT", Integer.toString(FreePorts.pick()),
                "HASHFENCE_STACK_HTTP_PORT", Integer.toString(httpPort),
                "HASHFENCE_STACK_PROMETHEUS_PORT", Integer.toString(prometheusPort),
                "HASHFENCE_STACK_ALERTMANAGER_PORT", Integer.toString(alertmanagerPort));
        stack = new DockerComposeContainer<>(REPO.resolve("docker-compose.yml").toFile())
                .withLocalCompose(true)
                .withPull(false)
                .withBuild(true)
                .withEnv(environment)
                .withServices("collector-init", "collector", "fleet", "prometheus", "alertmanager")
                .waitingFor("collector", Wait.forHealthcheck().withStartupTimeout(STARTUP))
                .waitingFor("fleet", Wait.forHealthcheck().withStartupTimeout(STARTUP))
                .waitingFor("prometheus", Wait.forHealthcheck().withStartupTimeout(STARTUP))
                .waitingFor("alertmanager", Wait.forHealthcheck().withStartupTimeout(STARTUP))
                .withStartupTimeout(STARTUP);
        stack.start();
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.stop(); // docker-compose down -v: containers, network and volumes (no Ryuk here)
        }
    }

    @Test
    @Order(1)
    void ourServicesRunAsNonRootOnReadOnlyRootFilesystemsAndAreHealthy() {
        for (String service : List.of("collector", "fleet", "prometheus", "alertmanager")) {
            InspectContainerResponse container = container(service).getCurrentContainerInfo();
            assertThat(container.getHostConfig().getReadonlyRootfs())
                    .as(service + " read-only root")
                    .isTrue();
            assertThat(container.getConfig().getUser())
                    .as(service + " user")
                    .isNotEmpty()
                    .isNotIn("root", "0", "0:0");
            assertThat(container.getState().getHealth().getStatus())
                    .as(service + " health")
                    .isEqualTo("healthy");
        }
    }

    @Test
    @Order(2)
    void prometheusScrapesEveryRigOfTheFleetFromTheCollector() throws Exception {
        double rigsUp = await(
                "Prometheus to have " + RIGS + " rigs up",
                () -> prometheusValue("count(hashfence_rig_up == 1)"),
                count -> count == RIGS);
        assertThat(rigsUp).isEqualTo(RIGS);
        assertThat(prometheusValue("count(hashfence_rig_hashrate_hashes_per_second)"))
                .isEqualTo(RIGS);
        assertThat(prometheusValue("count(hashfence_rig_power_watts)")).isEqualTo(RIGS);
        assertThat(prometheusValue("sum(hashfence_rig_hashrate_hashes_per_second)"))
                .isPositive();
        assertThat(prometheusValue("up{job=\"hashfence-collector\"}")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void restrictedRigsAlertsReachAlertmanagerRoutedToCompliance() throws Exception {
        String apiToken = container("collector")
                .execInContainer("cat", "/var/lib/hashfence/api-token")
                .getStdout()
                .strip();
        Set<String> collectorAlerts = await(
                "the collector to open restriction alerts",
                () -> rigsOf(getJson(httpPort, "/api/v1/alerts", apiToken).get("alerts"), null),
                rigs -> !rigs.isEmpty());
        Set<String> alertmanagerAlerts = await(
                "Alertmanager to hold the collector's restriction alerts",
                () -> rigsOf(
                        getJson(
                                alertmanagerPort,
                                "/api/v2/alerts?filter="
                                        + URLEncoder.encode(
                                                "alertname=\"RigInRestrictedJurisdiction\"", StandardCharsets.UTF_8)),
                        "labels"),
                rigs -> rigs.containsAll(collectorAlerts));
        assertThat(alertmanagerAlerts).isEqualTo(collectorAlerts);

        for (JsonNode alert : getJson(
                alertmanagerPort,
                "/api/v2/alerts?filter="
                        + URLEncoder.encode("alertname=\"RigInRestrictedJurisdiction\"", StandardCharsets.UTF_8))) {
            assertThat(alert.at("/labels/country").asText()).isIn(RESTRICTED_COUNTRIES);
            assertThat(alert.at("/receivers/0/name").asText()).isEqualTo("compliance-urgent");
        }
    }

    @Test
    @Order(4)
    void theCollectorKeepsItsDataAcrossDockerComposeRestart() throws Exception {
        ContainerState collector = container("collector");
        String apiToken = collector
                .execInContainer("cat", "/var/lib/hashfence/api-token")
                .getStdout()
                .strip();
        JsonNode before = report(apiToken);
        long recordsBefore = before.at("/chain/records").asLong();
        long alertsBefore = before.at("/fleet/alerts/opened").asLong();
        assertThat(recordsBefore).isPositive();
        assertThat(alertsBefore).isPositive();
        Instant startedBefore =
                Instant.parse(collector.getCurrentContainerInfo().getState().getStartedAt());

        String project =
                collector.getCurrentContainerInfo().getConfig().getLabels().get("com.docker.compose.project");
        StackConfigIT.ExternalTool.Result restart = restart(project, "collector");
        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(Instant.parse(collector.getCurrentContainerInfo().getState().getStartedAt()))
                .isAfter(startedBefore);

        await(
                "the restarted collector to be healthy",
                () -> collector.getCurrentContainerInfo().getState().getHealth().getStatus(),
                "healthy"::equals);
        // The site tokens survived: the fleet logs in again and every rig reports.
        await(
                "the fleet's rigs to report to the restarted collector",
                () -> getJson(httpPort, "/healthz").get("rigs").asInt(),
                rigs -> rigs == RIGS);
        JsonNode after = report(apiToken);
        assertThat(after.at("/chain/records").asLong()).isGreaterThanOrEqualTo(recordsBefore);
        assertThat(after.at("/fleet/alerts/opened").asLong()).isGreaterThanOrEqualTo(alertsBefore);
        assertThat(after.at("/fleet/rigs").asInt()).isEqualTo(RIGS);

        var verify = collector.execInContainer(
                "java", "-jar", "/opt/hashfence/hashfence-collector.jar", "verify", "--data-dir", "/var/lib/hashfence");
        assertThat(verify.getExitCode()).as(verify.getStderr()).isZero();
        assertThat(verify.getStdout()).contains("chain intact");
    }

    @Test
    @Order(5)
    void theCollectorImageLocatesAPointAsItsCommandLineDoes() {
        // docker run --rm hashfence/collector:dev locate 52.29 104.28 (the image the stack built above)
        try (GenericContainer<?> locate = new GenericContainer<>(DockerImageName.parse("hashfence/collector:dev"))
                .withCommand("locate", "52.29", "104.28")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
            locate.start();
            assertThat(locate.getLogs())
                    .contains("Irkutsk (RU-IRK), Russia (RU)")
                    .contains("RESTRICTED RU");
        }
    }

    private static ContainerState container(String service) {
        return stack.getContainerByServiceName(service)
                .orElseThrow(() -> new AssertionError("no container for " + service));
    }

    private static StackConfigIT.ExternalTool.Result restart(String project, String service) throws Exception {
        Path compose = StackConfigIT.ExternalTool.require("docker-compose", "docker-compose");
        List<String> command = new ArrayList<>();
        environment.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(0, List.of("env"));
        command.addAll(List.of(compose.toString(), "-p", project, "-f", "docker-compose.yml", "restart", service));
        return StackConfigIT.ExternalTool.run(REPO, command.toArray(String[]::new));
    }

    private static JsonNode report(String apiToken) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/report?format=json"))
                        .header("Authorization", "Bearer " + apiToken)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static double prometheusValue(String query) throws Exception {
        JsonNode result = getJson(
                        prometheusPort, "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                .at("/data/result");
        return result.isEmpty() ? Double.NaN : result.get(0).at("/value/1").asDouble();
    }

    /** "site/rig" of each alert; the labels sit at the top (the collector) or under {@code labelsField} (Alertmanager). */
    private static Set<String> rigsOf(JsonNode alerts, String labelsField) {
        Set<String> rigs = new TreeSet<>();
        for (JsonNode alert : alerts) {
            JsonNode labels = labelsField == null ? alert : alert.get(labelsField);
            if ("RigInRestrictedJurisdiction".equals(labels.path("alertname").asText())) {
                rigs.add(labels.get("site").asText() + "/" + labels.get("rig").asText());
            }
        }
        return rigs;
    }

    private static JsonNode getJson(int port, String path) throws Exception {
        return getJson(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)), path);
    }

    /** A GET of the collector's API with its bearer token. */
    private static JsonNode getJson(int port, String path, String apiToken) throws Exception {
        return getJson(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + apiToken),
                path);
    }

    private static JsonNode getJson(HttpRequest.Builder request, String path) throws Exception {
        HttpResponse<String> response =
                HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Waits until the value satisfies the condition, at most {@link #SETTLE}; a timeout names the last value. */
    private static <T> T await(String what, Callable<T> probe, Predicate<T> done) throws InterruptedException {
        return Await.value(what, SETTLE, () -> {
            T value = probe.call();
            if (!done.test(value)) {
                throw new AssertionError("last: " + value);
            }
            return Optional.of(value);
        });
    }
}
