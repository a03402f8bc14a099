package io.hashfence.collector.config;

import java.nio.file.Path;

/**
 * HTTPS for the HTTP listener.
 *
 * @param certFile the certificate chain, PEM
 * @param keyFile the private key, PKCS#8 PEM
 */
public record HttpTlsConfig(Path certFile, Path keyFile) {
    public HttpTlsConfig {
        if (certFile == null || keyFile == null) {
            throw new IllegalArgumentException("http.tls needs both cert_file and key_file");
        }
    }
}
