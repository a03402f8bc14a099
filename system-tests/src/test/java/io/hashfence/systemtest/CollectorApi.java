package io.hashfence.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The collector's HTTP API as an operator's script calls it: with the bearer token the collector wrote to
 * {@code api-token} in its data directory.
 */
final class CollectorApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private CollectorApi() {}

    static HttpResponse<String> get(int httpPort, Path dataDir, String path) throws IOException, InterruptedException {
        String token = Files.readString(dataDir.resolve("api-token")).strip();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every item of a paged list, {@code rigs} or {@code alerts}, following each answer's {@code next} cursor to
     * the last page, as a script that wants the whole fleet must.
     *
     * @param filters the list's filters as a query string, such as {@code site=e2e-site}, or empty
     */
    static List<JsonNode> every(int httpPort, Path dataDir, String list, String filters)
            throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        String next = null;
        do {
            String query = filters + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            HttpResponse<String> answer = get(httpPort, dataDir, "/api/v1/" + list + "?" + query);
            if (answer.statusCode() != 200) {
                throw new IOException(
                        "/api/v1/" + list + "?" + query + " answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode page = JSON.readTree(answer.body());
            page.get(list).forEach(items::add);
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (next != null);
        return items;
    }
}
