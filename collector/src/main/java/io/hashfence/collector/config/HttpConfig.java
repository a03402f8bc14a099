package io.hashfence.collector.config;

import java.nio.file.Path;

/**
 * The HTTP listener serving /metrics, /healthz and the API.
 *
 * @param apiTokenFile the bearer token that alert acknowledgement and reports require; null means
 *                     {@code api-token} in the data directory, created on first start
 * @param protectMetrics whether /metrics requires the token too
 */
public record HttpConfig(String bind, int port, Path apiTokenFile, boolean protectMetrics) {
    public static final int DEFAULT_PORT = 9464;

    public HttpConfig {
        Ports.requireValid("http.port", port);
    }

    public static HttpConfig defaults() {
        return new HttpConfig("0.0.0.0", DEFAULT_PORT, null, false);
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(bind, newPort, apiTokenFile, protectMetrics);
    }
}
