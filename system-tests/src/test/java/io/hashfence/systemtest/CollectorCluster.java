package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collectors from the shipped jar meant to stand behind HAProxy: each with its own data directory and free
 * ports, the PROXY protocol required, all on one shared store (PostgreSQL, {@code store.url}) where the sites
 * are added.
 */
final class CollectorCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One collector of the cluster. */
    record Node(String name, Path dataDir, JarProcess process, int mqttPort, int httpPort) {
        Haproxy.Server server() {
            return new Haproxy.Server(name, mqttPort, httpPort);
        }
    }

    /** A rig as one collector's API shows it. */
    record RigView(String site, String rig, boolean up, Instant lastSeen, String ipCountry) {}

    private final List<Node> nodes;
    private final Map<String, String> tokens;

    private CollectorCluster(List<Node> nodes, Map<String, String> tokens) {
        this.nodes = nodes;
        this.tokens = tokens;
    }

    /** Adds the sites to the shared store, then starts {@code size} collectors on it. */
    static CollectorCluster start(Path workDir, String storeUrl, int size, List<String> sites) throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String site : sites) {
            tokens.put(site, addSite(workDir, storeUrl, site));
        }
        List<Node> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= size; i++) {
                String name = "collector-" + i;
                Path config = workDir.resolve(name + ".yml");
                Files.writeString(
                        config,
                        "mqtt:\n  proxy_protocol: true\nstore:\n  url: " + storeUrl + "\n  node: " + name + "\n");
                Path dataDir = workDir.resolve(name);
                JarProcess process = JarProcess.runCollector(workDir, dataDir, "--config", config.toString());
                nodes.add(new Node(name, dataDir, process, process.mqttPort(), process.httpPort()));
            }
        } catch (Exception | AssertionError e) {
            nodes.forEach(node -> node.process().close());
            throw e;
        }
        return new CollectorCluster(List.copyOf(nodes), Map.copyOf(tokens));
    }

    /** {@code sites add SITE --store-url URL} as an operator runs it; returns the token it prints last. */
    private static String addSite(Path workDir, String storeUrl, String site) throws Exception {
        JarProcess add = JarProcess.start(
                JarProcess.collectorJar(), workDir, Map.of(), "sites", "add", site, "--store-url", storeUrl);
        assertThat(add.waitFor()).as(add.stderr()).isZero();
        String[] lines = add.stdout().strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    List<Node> nodes() {
        return nodes;
    }

    List<Haproxy.Server> servers() {
        return nodes.stream().map(Node::server).toList();
    }

    String token(String site) {
        return tokens.get(site);
    }

    /** The rigs the collector knows, as its API lists them. */
    List<RigView> rigs(Node node) throws IOException, InterruptedException {
        JsonNode answer = JSON.readTree(CollectorApi.get(node.httpPort(), node.dataDir(), "/api/v1/rigs")
                .body());
        List<RigView> rigs = new ArrayList<>();
        for (JsonNode rig : answer.get("rigs")) {
            rigs.add(new RigView(
                    rig.get("site").asText(),
                    rig.get("rig").asText(),
                    rig.get("up").asBoolean(),
                    Instant.parse(rig.get("last_seen").asText()),
                    rig.at("/compliance/ip_country").asText(null)));
        }
        return rigs;
    }

    /** For every site with a rig up on a running collector: the names of the collectors where it has rigs up. */
    Map<String, Set<String>> placement() throws IOException, InterruptedException {
        Map<String, Set<String>> placement = new TreeMap<>();
        for (Node node : nodes) {
            if (!node.process().isAlive()) {
                continue;
            }
            for (RigView rig : rigs(node)) {
                if (rig.up()) {
                    placement
                            .computeIfAbsent(rig.site(), site -> new TreeSet<>())
                            .add(node.name());
                }
            }
        }
        return placement;
    }

    /** The sites with rigs up on the node. */
    Set<String> sitesOn(Node node) throws IOException, InterruptedException {
        Set<String> sites = new TreeSet<>();
        for (RigView rig : rigs(node)) {
            if (rig.up()) {
                sites.add(rig.site());
            }
        }
        return sites;
    }

    @Override
    public void close() {
        nodes.forEach(node -> node.process().close());
    }
}
