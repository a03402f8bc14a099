package io.hashfence.collector.ingest;

import io.hashfence.collector.config.TlsConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the TLS listener's context: OpenSSL (BoringSSL) when it loads, the JDK's TLS otherwise. */
final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {}

    static SslContext server(TlsConfig tls) {
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(
                            tls.certFile().toFile(), tls.keyFile().toFile())
                    .sslProvider(provider)
                    .protocols("TLSv1.3", "TLSv1.2");
            if (tls.clientCaFile() != null) {
                builder.trustManager(tls.clientCaFile().toFile())
                        .clientAuth(tls.requireClientCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            SslContext context = builder.build();
            LOG.info(
                    "MQTT over TLS with {}{}",
                    provider == SslProvider.OPENSSL ? "OpenSSL (BoringSSL)" : "the JDK",
                    tls.clientCaFile() == null
                            ? ""
                            : tls.requireClientCert()
                                    ? ", client certificates required"
                                    : ", client certificates accepted");
            return context;
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "mqtt.tls: cannot use " + tls.certFile() + " and " + tls.keyFile() + ": " + e.getMessage(), e);
        }
    }
}
