package io.hashfence.collector.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads the collector over HTTP, as Prometheus and users do. */
public final class MetricsScrape {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MetricsScrape() {}

    public static HttpResponse<String> get(InetSocketAddress server, String path)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with the API's bearer token, as an operator's script sends it. */
    public static HttpResponse<String> get(InetSocketAddress server, String path, String apiToken)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                        .header("Authorization", "Bearer " + apiToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample line, e.g. {@code hashfence_ingest_messages_total{outcome="accepted"}}; NaN if absent. */
    public static double sample(InetSocketAddress server, String series) throws IOException, InterruptedException {
        for (String line : get(server, "/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    public static double ingested(InetSocketAddress server, String outcome) throws IOException, InterruptedException {
        return sample(server, "hashfence_ingest_messages_total{outcome=\"" + outcome + "\"}");
    }
}
