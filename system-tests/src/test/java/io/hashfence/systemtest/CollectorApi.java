package io.hashfence.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The collector's HTTP API as an operator's script calls it: with the bearer token the collector wrote to
 * {@code api-token} in its data directory.
 */
final class CollectorApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CollectorApi() {}

    static HttpResponse<String> get(int httpPort, Path dataDir, String path) throws IOException, InterruptedException {
        String token = Files.readString(dataDir.resolve("api-token")).strip();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
