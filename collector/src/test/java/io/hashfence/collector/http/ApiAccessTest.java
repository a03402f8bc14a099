package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.RunningCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may read what over HTTP, and how long a client may take to say what it wants. */
class ApiAccessTest {
    private static final List<String> READS =
            List.of("/api/v1/rigs", "/api/v1/rigs/site-a/rig-1", "/api/v1/alerts", "/api/v1/alerts/alert-1");
    private static final String UNAUTHORIZED = "hashfence_http_requests_refused_total{reason=\"unauthorized\"}";
    private static final String HEAD_TIMEOUT = "hashfence_http_requests_refused_total{reason=\"request_head_timeout\"}";

    @Test
    void theApiNeedsTheTokenByDefaultWhileMetricsHealthAndLocateStayOpen(@TempDir Path dir) throws Exception {
        try (RunningCollector collector = new RunningCollector(dir)) {
            double refusedBefore = MetricsScrape.sample(collector.http(), UNAUTHORIZED);
            for (String path : READS) {
                HttpResponse<String> anonymous = MetricsScrape.get(collector.http(), path);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.body()).as(path).contains("needs the API token");
                assertThat(anonymous.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"hashfence\"");
                assertThat(MetricsScrape.get(collector.http(), path, "hfapi_wrong-token-of-some-length")
                                .statusCode())
                        .as(path)
                        .isEqualTo(401);
                assertThat(collector.get(path).statusCode()).as(path).isIn(200, 404);
            }
            assertThat(MetricsScrape.get(collector.http(), "/api/v1/report").statusCode())
                    .isEqualTo(401);
            assertThat(MetricsScrape.sample(collector.http(), UNAUTHORIZED))
                    .isEqualTo(refusedBefore + 2 * READS.size() + 1);
            assertThat(MetricsScrape.get(collector.http(), "/metrics").statusCode())
                    .isEqualTo(200);
            assertThat(MetricsScrape.get(collector.http(), "/healthz").statusCode())
                    .isEqualTo(200);
            assertThat(MetricsScrape.get(collector.http(), "/api/v1/locate?lat=52.28&lon=104.30")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void openReadEndpointsOpensRigsAndAlertsButNotTheReport(@TempDir Path dir) throws Exception {
        try (RunningCollector collector = new RunningCollector(
                dir, config -> config.withHttp(config.http().withOpenReadEndpoints(true)))) {
            for (String path : READS) {
                assertThat(MetricsScrape.get(collector.http(), path).statusCode())
                        .as(path)
                        .isIn(200, 404);
            }
            assertThat(MetricsScrape.get(collector.http(), "/api/v1/report").statusCode())
                    .isEqualTo(401);
            assertThat(collector.get("/api/v1/report").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClientTricklingHeaderLinesIsAnswered408AndClosedAtTheHeadDeadline(@TempDir Path dir) throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        try (RunningCollector collector = new RunningCollector(
                dir, config -> config.withHttp(config.http().withRequestHeadTimeout(deadline)))) {
            double before = MetricsScrape.sample(collector.http(), HEAD_TIMEOUT);
            long started = System.nanoTime();
            String answer = trickle(collector.http().getPort(), Duration.ofMillis(200), Duration.ofSeconds(60));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer).startsWith("HTTP/1.1 408").contains("did not all arrive within 1000 ms");
            assertThat(took).isGreaterThanOrEqualTo(deadline);
            assertThat(MetricsScrape.sample(collector.http(), HEAD_TIMEOUT)).isEqualTo(before + 1);
            assertThat(MetricsScrape.get(collector.http(), "/healthz").statusCode())
                    .as("a client that is quick enough is served")
                    .isEqualTo(200);
        }
    }

    /**
     * Sends a request line, then one header line every {@code pause}, never the blank line that ends the
     * head, until the server closes the connection (or {@code giveUp} passes); answers what the server sent.
     */
    private static String trickle(int port, Duration pause, Duration giveUp) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) pause.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            out.write("GET /healthz HTTP/1.1\r\nHost: collector\r\n".getBytes(StandardCharsets.US_ASCII));
            long end = System.nanoTime() + giveUp.toNanos();
            for (int line = 0; System.nanoTime() < end; line++) {
                try {
                    byte[] chunk = new byte[4096];
                    int read = in.read(chunk);
                    if (read < 0) {
                        return answer.toString();
                    }
                    answer.append(new String(chunk, 0, read, StandardCharsets.US_ASCII));
                } catch (SocketTimeoutException quiet) {
                    try {
                        out.write(("X-Slow-" + line + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (SocketException closed) {
                        return answer.toString();
                    }
                }
            }
            throw new AssertionError("still open after " + giveUp + "; received: " + answer);
        }
    }
}
