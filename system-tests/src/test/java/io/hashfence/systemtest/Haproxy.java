package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.testing.ExternalBinary;
import io.hashfence.testing.ExternalProcess;
import io.hashfence.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Debian's HAProxy run with the shipped config template ({@code docker/haproxy/hashfence.cfg.template}) in
 * front of collectors, on free ports: MQTT on {@link #mqttPort()}, the stats page on {@link #statsPort()}.
 */
final class Haproxy implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A collector behind HAProxy: its plain MQTT port (PROXY protocol required) and its HTTP port. */
    record Server(String name, int mqttPort, int httpPort) {
        String configLine() {
            return "    server " + name + " 127.0.0.1:" + mqttPort + " port " + httpPort;
        }
    }

    private final ExternalProcess process;
    private final int mqttPort;
    private final int statsPort;

    private Haproxy(ExternalProcess process, int mqttPort, int statsPort) {
        this.process = process;
        this.mqttPort = mqttPort;
        this.statsPort = statsPort;
    }

    /**
     * Starts HAProxy with the template filled in. {@code acceptProxy}: the agents send a PROXY header of their
     * own (the simulator's {@code proxy-from=}, playing a site's public address), which HAProxy takes as the
     * client address it passes on.
     */
    static Haproxy start(Path workDir, List<Server> servers, boolean acceptProxy)
            throws IOException, InterruptedException {
        Path haproxy = ExternalBinary.require("haproxy", "haproxy");
        int mqttPort = FreePorts.pick();
        int statsPort = FreePorts.pick();
        String config = Files.readString(template())
                .replace("@MQTT_BIND@", "127.0.0.1:" + mqttPort + (acceptProxy ? " accept-proxy" : ""))
                .replace("@STATS_BIND@", "127.0.0.1:" + statsPort)
                .replace("@SERVERS@", servers.stream().map(Server::configLine).collect(Collectors.joining("\n")));
        Path file = workDir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        ExternalProcess process =
                ExternalProcess.start(List.of(haproxy.toString(), "-db", "-f", file.toString()), workDir);
        process.awaitListening(mqttPort).awaitListening(statsPort);
        return new Haproxy(process, mqttPort, statsPort);
    }

    private static Path template() {
        Path template = Path.of(System.getProperty("hashfence.haproxy.template", "missing: run through Maven"));
        assertThat(template).as("the shipped HAProxy config template").isRegularFile();
        return template;
    }

    int mqttPort() {
        return mqttPort;
    }

    int statsPort() {
        return statsPort;
    }

    /**
     * The stats page as CSV: each row ("mqtt,FRONTEND", "collectors,collector-1", "collectors,BACKEND", ...)
     * by its proxy and server name, its fields by their header names (status, stot, dreq, ...).
     */
    Map<String, Map<String, String>> stats() throws IOException, InterruptedException {
        String csv = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/;csv"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).replaceFirst("^# ", "").split(",", -1);
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < Math.min(header.length, fields.length); i++) {
                row.put(header[i], fields[i]);
            }
            rows.put(fields[0] + "," + fields[1], row);
        }
        return rows;
    }

    /** A collector's state on the stats page: UP, DOWN, "UP 1/2" (going down), ... */
    String serverStatus(String server) throws IOException, InterruptedException {
        return stats().get("collectors," + server).get("status");
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
