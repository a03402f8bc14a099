package io.hashfence.bench.scale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The collector's HTTP side as the benchmark reads it: health, scrape targets, one scrape, one API page. */
final class CollectorHttp {
    private static final long SLOW_PAGE_NANOS = 5_000_000_000L;
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(120);

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

    /**
     * One scrape of one path, streamed to its end as Prometheus reads it: the time, the bytes on the wire and, when
     * not gzipped, the sample lines.
     */
    Scrape scrape(String path, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        boolean gzipped = response.headers()
                .firstValue("content-encoding")
                .map("gzip"::equals)
                .orElse(false);
        long bytes = 0;
        long series = 0;
        boolean lineStart = true;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                bytes += read;
                for (int i = 0; i < read && !gzipped; i++) {
                    if (lineStart && buffer[i] != '#' && buffer[i] != '\n') {
                        series++;
                    }
                    lineStart = buffer[i] == '\n';
                }
            }
        }
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode());
        }
        if (gzip != gzipped) {
            throw new IOException(path + (gzip ? " was not gzipped though asked" : " was gzipped unasked"));
        }
        return new Scrape(path, nanos, bytes, gzipped ? -1 : series);
    }

    /**
     * {@code GET /api/v1/rigs?limit=N}, streamed: the time, bytes and rigs of the answer, the best of three (or the
     * only one, when the first takes over five seconds: an answer that ignores the limit holds the whole fleet).
     */
    Map<String, Object> rigsPage(int limit) throws Exception {
        String path = "/api/v1/rigs?limit=" + limit;
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("path", path);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3 && (i == 0 || best <= SLOW_PAGE_NANOS); i++) {
            long start = System.nanoTime();
            HttpResponse<InputStream> answer;
            try {
                answer = client.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", "Bearer " + apiToken)
                                .timeout(PAGE_TIMEOUT)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                page.put("timed_out_after_seconds", PAGE_TIMEOUT.toSeconds());
                return page;
            }
            if (answer.statusCode() != 200) {
                throw new IOException(path + " answered " + answer.statusCode());
            }
            try (CountingInputStream body = new CountingInputStream(answer.body())) {
                int rigs = rigsIn(body);
                body.transferTo(OutputStream.nullOutputStream());
                long nanos = System.nanoTime() - start;
                if (nanos < best) {
                    best = nanos;
                    page.put("seconds", nanos / 1e9);
                    page.put("bytes", body.count());
                    page.put("rigs_in_answer", rigs);
                }
            }
        }
        return page;
    }

    /** The rigs in a rig list, counted as the parser streams by: before paging, the answer holds the whole fleet. */
    private static int rigsIn(InputStream answer) throws IOException {
        try (JsonParser parser =
                new JsonFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE).createParser(answer)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME
                        && parser.getParsingContext().getParent().inRoot()
                        && "rigs".equals(parser.currentName())) {
                    parser.nextToken();
                    int rigs = 0;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        rigs++;
                    }
                    return rigs;
                }
            }
        }
        throw new IOException("no \"rigs\" in the rig list");
    }

    /** Counts the bytes read through it. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count += Math.max(read, 0);
            return read;
        }

        long count() {
            return count;
        }
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

    /** One path scraped: its time, its bytes on the wire, and its sample lines (-1 when gzipped). */
    record Scrape(String path, long nanos, long wireBytes, long series) {}
}
