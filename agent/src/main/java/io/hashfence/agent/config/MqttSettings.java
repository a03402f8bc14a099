package io.hashfence.agent.config;

import io.hashfence.protocol.Durations;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * How to reach the collector and keep the connection alive.
 *
 * @param tls used when the collector URL is {@code ssl://}
 * @param proxySource the client address a PROXY protocol v2 header names before MQTT, or null to send none
 *                    (the simulator's stand-in for a site behind a TCP load balancer; plain {@code tcp://} only)
 */
public record MqttSettings(
        String collector,
        Duration keepAlive,
        Duration connectTimeout,
        ReconnectBackoff reconnectBackoff,
        TlsSettings tls,
        InetAddress proxySource) {
    public static final String DEFAULT_COLLECTOR = "tcp://localhost:1883";
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_KEEP_ALIVE_SECONDS = 65_535;

    public MqttSettings {
        requireCollectorUrl(collector);
        if (keepAlive.isNegative()
                || keepAlive.toMillis() % 1000 != 0
                || keepAlive.toSeconds() > MAX_KEEP_ALIVE_SECONDS) {
            throw new ConfigException("keep-alive must be whole seconds between 0s and " + MAX_KEEP_ALIVE_SECONDS
                    + "s, got " + Durations.format(keepAlive));
        }
        if (connectTimeout.toMillis() % 1000 != 0 || connectTimeout.toSeconds() < 1) {
            throw new ConfigException(
                    "connect timeout must be whole seconds, at least 1s, got " + Durations.format(connectTimeout));
        }
        if (proxySource != null && collector.startsWith("ssl://")) {
            throw new ConfigException("a PROXY protocol header is sent only to a tcp:// collector, got " + collector);
        }
    }

    public static MqttSettings defaults(String collector) {
        return new MqttSettings(
                collector,
                DEFAULT_KEEP_ALIVE,
                DEFAULT_CONNECT_TIMEOUT,
                ReconnectBackoff.DEFAULT,
                TlsSettings.JVM_DEFAULTS,
                null);
    }

    public MqttSettings withReconnectBackoff(ReconnectBackoff backoff) {
        return new MqttSettings(collector, keepAlive, connectTimeout, backoff, tls, proxySource);
    }

    public MqttSettings withTls(TlsSettings newTls) {
        return new MqttSettings(collector, keepAlive, connectTimeout, reconnectBackoff, newTls, proxySource);
    }

    public MqttSettings withProxySource(InetAddress source) {
        return new MqttSettings(collector, keepAlive, connectTimeout, reconnectBackoff, tls, source);
    }

    public boolean usesTls() {
        return collector.startsWith("ssl://");
    }

    private static void requireCollectorUrl(String url) {
        String problem = "collector must look like tcp://HOST:PORT or ssl://HOST:PORT, got \"" + url + "\"";
        if (url == null) {
            throw new ConfigException(problem);
        }
        try {
            URI uri = new URI(url);
            boolean bare = uri.getPath() == null || uri.getPath().isEmpty();
            if (!("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getPort() < 1
                    || uri.getPort() > 65_535
                    || !bare
                    || uri.getQuery() != null
                    || uri.getUserInfo() != null) {
                throw new ConfigException(problem);
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(problem, e);
        }
    }
}
