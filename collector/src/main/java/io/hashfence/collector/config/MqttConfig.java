package io.hashfence.collector.config;

import java.time.Duration;

/**
 * The MQTT listener.
 *
 * @param maxMessageBytes the largest MQTT packet accepted; larger ones close the connection
 * @param receiveMaximum how many QoS 1 messages a client may have unacknowledged (MQTT 5 Receive Maximum)
 * @param connectTimeout how long a new connection may take to send CONNECT
 * @param proxyProtocol whether every connection starts with a PROXY protocol v1/v2 header (behind a TCP load
 *                      balancer); never enable it when clients connect directly, or they could claim any address
 * @param limits connection, rate and size limits
 * @param tls the MQTT-over-TLS listener, or null for none
 * @param plain whether the plain-text listener on {@code port} runs: only when asked for explicitly
 *              ({@code mqtt.plain: true}, {@code --mqtt-port}, {@code HASHFENCE_MQTT_PORT})
 */
public record MqttConfig(
        String bind,
        int port,
        int maxMessageBytes,
        int receiveMaximum,
        Duration connectTimeout,
        boolean proxyProtocol,
        LimitsConfig limits,
        TlsConfig tls,
        boolean plain) {
    public static final int DEFAULT_PORT = 1883;

    public MqttConfig {
        Ports.requireValid("mqtt.port", port);
        if (maxMessageBytes < 1024 || maxMessageBytes > 256 * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "mqtt.max_message_bytes must be within [1024, 268435456], got " + maxMessageBytes);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("mqtt.receive_maximum must be within [1, 65535], got " + receiveMaximum);
        }
    }

    public static MqttConfig defaults() {
        return new MqttConfig(
                "0.0.0.0",
                DEFAULT_PORT,
                64 * 1024,
                1024,
                Duration.ofSeconds(10),
                false,
                LimitsConfig.defaults(),
                null,
                false);
    }

    /** Plain MQTT on this port: naming the plain port is the explicit choice to run it. */
    public MqttConfig withPort(int newPort) {
        return new MqttConfig(
                bind, newPort, maxMessageBytes, receiveMaximum, connectTimeout, proxyProtocol, limits, tls, true);
    }

    public MqttConfig withPlain(boolean newPlain) {
        return new MqttConfig(
                bind, port, maxMessageBytes, receiveMaximum, connectTimeout, proxyProtocol, limits, tls, newPlain);
    }

    /** Refuses a configuration with no listener at all: TLS is not configured and plain MQTT not asked for. */
    public void requireListener() {
        if (!plain && tls == null) {
            throw new IllegalArgumentException("no MQTT listener: configure mqtt.tls (cert_file and key_file), or "
                    + "allow plain MQTT explicitly with mqtt.plain: true, --mqtt-port or HASHFENCE_MQTT_PORT");
        }
    }

    public MqttConfig withLimits(LimitsConfig newLimits) {
        return new MqttConfig(
                bind, port, maxMessageBytes, receiveMaximum, connectTimeout, proxyProtocol, newLimits, tls, plain);
    }

    public MqttConfig withTls(TlsConfig newTls) {
        return new MqttConfig(
                bind, port, maxMessageBytes, receiveMaximum, connectTimeout, proxyProtocol, limits, newTls, plain);
    }
}
