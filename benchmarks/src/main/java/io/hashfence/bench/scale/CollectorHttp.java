package io.hashfence.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The collector's HTTP side as the benchmark reads it: health, scrape targets, one scrape, one API page. */
final class CollectorHttp {
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String apiToken;

    CollectorHttp(int port, String apiToken) {
        this.base = "http://127.0.0.1:" + port;
        this.apiToken = apiToken;
    }

    long rigsKnown() throws Exception {
        return ScaleBenchmark.json(get("/healthz", false).body()).path("rigs").asLong();
    }

    List<String> scrapeTargets() throws Exception {
        List<String> paths = new ArrayList<>();
        for (JsonNode path :
                ScaleBenchmark.json(get("/api/v1/scrape-targets", false).body()).path("paths")) {
            paths.add(path.asText());
        }
        return paths;
    }

    /** One scrape of one path, read to its end: the bytes on the wire, and the body when it was not gzipped. */
    Scrape scrape(String path, boolean gzip) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = get(path, gzip);
        long nanos = System.nanoTime() - start;
        boolean gzipped = response.headers()
                .firstValue("content-encoding")
                .map("gzip"::equals)
                .orElse(false);
        if (gzip != gzipped) {
            throw new IOException(path + (gzip ? " was not gzipped though asked" : " was gzipped unasked"));
        }
        return new Scrape(path, nanos, response.body().length, gzipped ? null : response.body());
    }

    /** {@code GET /api/v1/rigs?limit=N}: the time, bytes and rigs of the answer, the best of three. */
    Map<String, Object> rigsPage(int limit) throws Exception {
        long best = Long.MAX_VALUE;
        HttpResponse<byte[]> answer = null;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            answer = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/rigs?limit=" + limit))
                            .header("Authorization", "Bearer " + apiToken)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            best = Math.min(best, System.nanoTime() - start);
            require(answer, "/api/v1/rigs?limit=" + limit);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("path", "/api/v1/rigs?limit=" + limit);
        page.put("seconds", best / 1e9);
        page.put("bytes", answer.body().length);
        page.put(
                "rigs_in_answer",
                ScaleBenchmark.json(answer.body()).path("rigs").size());
        return page;
    }

    private HttpResponse<byte[]> get(String path, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        require(response, path);
        return response;
    }

    private static void require(HttpResponse<byte[]> response, String path) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), 0, Math.min(500, response.body().length)));
        }
    }

    /** One path scraped: its time, its bytes on the wire, and its text (null when gzipped). */
    record Scrape(String path, long nanos, long wireBytes, byte[] body) {
        /** Sample lines: every line that is neither blank nor a comment. */
        long series() throws IOException {
            long count = 0;
            boolean lineStart = true;
            for (byte b : body) {
                if (lineStart && b != '#' && b != '\n') {
                    count++;
                }
                lineStart = b == '\n';
            }
            return count;
        }
    }
}
