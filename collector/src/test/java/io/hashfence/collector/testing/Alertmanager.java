package io.hashfence.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback port, routing everything to one
 * receiver with a 1 s group wait, its data in the test's directory; a skip (a failure with {@code CI=true}) without
 * the package. {@link #close()} stops it.
 */
public final class Alertmanager implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ExternalProcess process;
    private final URI url;

    private Alertmanager(ExternalProcess process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts it with its config and data in {@code dir} and waits until it is ready. */
    public static Alertmanager start(Path dir) throws IOException, InterruptedException {
        Path binary = ExternalBinary.require("prometheus-alertmanager", "prometheus-alertmanager");
        int port = FreePorts.pick();
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: compliance
                  group_wait: 1s
                receivers:
                  - name: compliance
                """);
        ExternalProcess process = ExternalProcess.start(
                List.of(
                        binary.toString(),
                        "--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + dir.resolve("am-data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address="),
                dir);
        Alertmanager alertmanager = new Alertmanager(process, URI.create("http://127.0.0.1:" + port));
        try {
            process.awaitReady("is ready", alertmanager::ready);
            return alertmanager;
        } catch (InterruptedException | RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    /** Where collectors send alerts ({@code alerts.alertmanager}). */
    public URI url() {
        return url;
    }

    /** The alerts it lists as active ({@code /api/v2/alerts?active=true}). */
    public List<JsonNode> active() throws IOException, InterruptedException {
        String body = HTTP.send(
                        HttpRequest.newBuilder(url.resolve("/api/v2/alerts?active=true"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(body).forEach(alerts::add);
        return alerts;
    }

    /** The active alerts labelled with {@code rig}. */
    public List<JsonNode> activeFor(String rig) throws IOException, InterruptedException {
        return active().stream()
                .filter(alert -> rig.equals(alert.at("/labels/rig").asText()))
                .toList();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    /** Ready to take alerts; a refused connection while it starts is a "not yet" to {@link ExternalProcess}. */
    private boolean ready() throws IOException, InterruptedException {
        return HTTP.send(
                                HttpRequest.newBuilder(url.resolve("/-/ready")).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                == 200;
    }
}
