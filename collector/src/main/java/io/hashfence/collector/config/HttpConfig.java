package io.hashfence.collector.config;

import java.nio.file.Path;

/**
 * The HTTP listener serving /metrics, /healthz and the API.
 *
 * @param apiTokenFile the bearer token that alert acknowledgement and reports require; null means
 *                     {@code api-token} in the data directory, created on first start
 * @param protectMetrics whether /metrics requires the token too
 * @param certFile the HTTPS certificate chain, PEM; null serves plain HTTP
 * @param keyFile the HTTPS private key, PKCS#8 PEM; with {@code certFile}
 */
public record HttpConfig(String bind, int port, Path apiTokenFile, boolean protectMetrics, Path certFile, Path keyFile) {
    public static final int DEFAULT_PORT = 9464;

    public HttpConfig {
        Ports.requireValid("http.port", port);
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("http.tls needs both cert_file and key_file");
        }
    }

    public static HttpConfig defaults() {
        return new HttpConfig("0.0.0.0", DEFAULT_PORT, null, false, null, null);
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(bind, newPort, apiTokenFile, protectMetrics, certFile, keyFile);
    }

    public HttpConfig withTls(Path newCertFile, Path newKeyFile) {
        return new HttpConfig(bind, port, apiTokenFile, protectMetrics, newCertFile, newKeyFile);
    }

    public boolean https() {
        return certFile != null;
    }
}
