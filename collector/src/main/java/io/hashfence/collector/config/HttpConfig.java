package io.hashfence.collector.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The HTTP listener serving /metrics, /healthz and the API.
 *
 * @param apiTokenFile the bearer token that the API requires; null means {@code api-token} in the data
 *                     directory, created on first start
 * @param protectMetrics whether /metrics requires the token too
 * @param openReadEndpoints whether {@code GET /api/v1/rigs…} and {@code GET /api/v1/alerts…} answer without
 *                          the token (the report, acknowledgements and other writes always need it)
 * @param requestHeadTimeout how long a client may take to send a whole request head (request line and
 *                           headers) before the connection is closed
 * @param tls HTTPS; null serves plain HTTP
 * @param metricsShards how many shards of the per-rig series {@code GET /api/v1/scrape-targets} lists for Prometheus
 *                      to scrape ({@code /metrics/rigs?shard=N&of=M}); more shards make each scrape smaller
 */
public record HttpConfig(
        String bind,
        int port,
        Path apiTokenFile,
        boolean protectMetrics,
        boolean openReadEndpoints,
        Duration requestHeadTimeout,
        HttpTlsConfig tls,
        int metricsShards) {
    public static final int DEFAULT_PORT = 9464;
    /** Four shards keep each scrape of a 100,000-rig fleet near 25,000 rigs. */
    public static final int DEFAULT_METRICS_SHARDS = 4;
    /** As many as the rig metrics endpoint answers ({@code MetricsShard.MAX_SHARDS}). */
    public static final int MAX_METRICS_SHARDS = 256;

    public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);

    public HttpConfig {
        Ports.requireValid("http.port", port);
        if (requestHeadTimeout.isNegative() || requestHeadTimeout.isZero()) {
            throw new IllegalArgumentException("http.request_head_timeout must be positive, got " + requestHeadTimeout);
        }
        if (metricsShards < 1 || metricsShards > MAX_METRICS_SHARDS) {
            throw new IllegalArgumentException(
                    "http.metrics_shards must be between 1 and " + MAX_METRICS_SHARDS + ", got " + metricsShards);
        }
    }

    public static HttpConfig defaults() {
        return new HttpConfig(
                "0.0.0.0",
                DEFAULT_PORT,
                null,
                false,
                false,
                DEFAULT_REQUEST_HEAD_TIMEOUT,
                null,
                DEFAULT_METRICS_SHARDS);
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(
                bind, newPort, apiTokenFile, protectMetrics, openReadEndpoints, requestHeadTimeout, tls, metricsShards);
    }

    public HttpConfig withTls(Path certFile, Path keyFile) {
        return new HttpConfig(
                bind,
                port,
                apiTokenFile,
                protectMetrics,
                openReadEndpoints,
                requestHeadTimeout,
                new HttpTlsConfig(certFile, keyFile),
                metricsShards);
    }

    public HttpConfig withProtectMetrics(boolean protect) {
        return new HttpConfig(
                bind, port, apiTokenFile, protect, openReadEndpoints, requestHeadTimeout, tls, metricsShards);
    }

    public HttpConfig withOpenReadEndpoints(boolean open) {
        return new HttpConfig(bind, port, apiTokenFile, protectMetrics, open, requestHeadTimeout, tls, metricsShards);
    }

    public HttpConfig withRequestHeadTimeout(Duration timeout) {
        return new HttpConfig(bind, port, apiTokenFile, protectMetrics, openReadEndpoints, timeout, tls, metricsShards);
    }

    public HttpConfig withMetricsShards(int shards) {
        return new HttpConfig(
                bind, port, apiTokenFile, protectMetrics, openReadEndpoints, requestHeadTimeout, tls, shards);
    }

    public boolean https() {
        return tls != null;
    }
}
