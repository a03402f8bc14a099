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
 */
public record HttpConfig(
        String bind,
        int port,
        Path apiTokenFile,
        boolean protectMetrics,
        boolean openReadEndpoints,
        Duration requestHeadTimeout,
        HttpTlsConfig tls) {
    public static final int DEFAULT_PORT = 9464;
    public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);

    public HttpConfig {
        Ports.requireValid("http.port", port);
        if (requestHeadTimeout.isNegative() || requestHeadTimeout.isZero()) {
            throw new IllegalArgumentException("http.request_head_timeout must be positive, got " + requestHeadTimeout);
        }
    }

    public static HttpConfig defaults() {
        return new HttpConfig("0.0.0.0", DEFAULT_PORT, null, false, false, DEFAULT_REQUEST_HEAD_TIMEOUT, null);
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(bind, newPort, apiTokenFile, protectMetrics, openReadEndpoints, requestHeadTimeout, tls);
    }

    public HttpConfig withTls(Path certFile, Path keyFile) {
        return new HttpConfig(
                bind,
                port,
                apiTokenFile,
                protectMetrics,
                openReadEndpoints,
                requestHeadTimeout,
                new HttpTlsConfig(certFile, keyFile));
    }

    public HttpConfig withProtectMetrics(boolean protect) {
        return new HttpConfig(bind, port, apiTokenFile, protect, openReadEndpoints, requestHeadTimeout, tls);
    }

    public HttpConfig withOpenReadEndpoints(boolean open) {
        return new HttpConfig(bind, port, apiTokenFile, protectMetrics, open, requestHeadTimeout, tls);
    }

    public HttpConfig withRequestHeadTimeout(Duration timeout) {
        return new HttpConfig(bind, port, apiTokenFile, protectMetrics, openReadEndpoints, timeout, tls);
    }

    public boolean https() {
        return tls != null;
    }
}
