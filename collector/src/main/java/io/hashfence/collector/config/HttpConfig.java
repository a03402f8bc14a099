package io.hashfence.collector.config;

/** The HTTP listener serving /metrics, /healthz and the API. */
public record HttpConfig(String bind, int port) {
    public static final int DEFAULT_PORT = 9464;

    public HttpConfig {
        Ports.requireValid("http.port", port);
    }

    public static HttpConfig defaults() {
        return new HttpConfig("0.0.0.0", DEFAULT_PORT);
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(bind, newPort);
    }
}
