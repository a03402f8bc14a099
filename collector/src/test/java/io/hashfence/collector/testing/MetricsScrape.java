package io.hashfence.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads the collector over HTTP, as Prometheus and users do. */
public final class MetricsScrape {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * Everything Prometheus would scrape: each path {@code /api/v1/scrape-targets} lists ({@code /metrics} and the
     * shards of the per-rig series), one after the other.
     */
    public static String everyTarget(InetSocketAddress server) throws IOException, InterruptedException {
        StringBuilder all = new StringBuilder();
        for (JsonNode path :
                JSON.readTree(get(server, "/api/v1/scrape-targets").body()).path("paths")) {
            HttpResponse<String> scraped = get(server, path.asText());
            if (scraped.statusCode() != 200) {
                throw new IOException(path.asText() + " answered " + scraped.statusCode() + ": " + scraped.body());
            }
            all.append(scraped.body());
        }
        return all.toString();
    }

    /**
     * The value of one sample line, e.g. {@code hashfence_ingest_messages_total{outcome="accepted"}}, in any scrape
     * target; NaN if absent.
     */
    public static double sample(InetSocketAddress server, String series) throws IOException, InterruptedException {
        for (String line : everyTarget(server).split("\n")) {
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
