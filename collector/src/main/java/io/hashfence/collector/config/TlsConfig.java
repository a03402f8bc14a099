package io.hashfence.collector.config;

import java.nio.file.Path;

/**
 * MQTT over TLS.
 *
 * @param port the TLS listener's port (8883 by convention); 0 picks a free one
 * @param certFile the server's certificate chain, PEM
 * @param keyFile the server's private key, PEM (PKCS#8)
 * @param clientCaFile CA certificates that sign client certificates, PEM; null disables mutual TLS
 * @param requireClientCert whether a client without a certificate is refused at the handshake
 */
public record TlsConfig(int port, Path certFile, Path keyFile, Path clientCaFile, boolean requireClientCert) {
    public static final int DEFAULT_PORT = 8883;

    public TlsConfig {
        Ports.requireValid("mqtt.tls.port", port);
        if (certFile == null || keyFile == null) {
            throw new IllegalArgumentException("mqtt.tls needs both cert_file and key_file");
        }
        if (requireClientCert && clientCaFile == null) {
            throw new IllegalArgumentException("mqtt.tls.require_client_cert needs mqtt.tls.client_ca_file");
        }
    }
}
