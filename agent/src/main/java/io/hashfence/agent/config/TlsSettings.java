package io.hashfence.agent.config;

import java.nio.file.Path;

/**
 * TLS to the collector ({@code ssl://} collector URLs).
 *
 * @param caFile CA certificates the collector's certificate must chain to, PEM; null for the JVM's trusted CAs
 * @param certFile the client certificate chain for mutual TLS, PEM; null for none
 * @param keyFile the client certificate's private key, PKCS#8 PEM; needed with {@code certFile}
 */
public record TlsSettings(Path caFile, Path certFile, Path keyFile) {
    public TlsSettings {
        if ((certFile == null) != (keyFile == null)) {
            throw new ConfigException(Setting.MQTT_TLS.path() + " needs both " + Setting.TLS_CERT_FILE.key() + " and "
                    + Setting.TLS_KEY_FILE.key() + " for a client certificate");
        }
    }

    public static final TlsSettings JVM_DEFAULTS = new TlsSettings(null, null, null);
}
