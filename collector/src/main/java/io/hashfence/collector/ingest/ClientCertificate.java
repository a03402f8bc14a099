package io.hashfence.collector.ingest;

import io.hashfence.collector.site.CertificateIdentity;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The mutual-TLS identity of a connection. */
final class ClientCertificate {
    private ClientCertificate() {}

    /** The names the client's verified TLS certificate vouches for; empty without mutual TLS. */
    static Set<String> names(ChannelPipeline pipeline) {
        SslHandler tls = pipeline.get(SslHandler.class);
        if (tls == null) {
            return Set.of();
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? CertificateIdentity.names(leaf)
                    : Set.of();
        } catch (SSLPeerUnverifiedException e) {
            return Set.of();
        }
    }
}
