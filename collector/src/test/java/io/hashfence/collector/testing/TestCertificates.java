package io.hashfence.collector.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority made in the test, issuing server and client certificates as PEM files. */
public final class TestCertificates {
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path dir;
    private long serial = 1;

    public TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        this.caKeys = keyPair();
        this.ca = sign("CN=Hashfence Test CA", caKeys, caKeys, null, true);
        write("ca.pem", ca);
    }

    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    /** Issues a certificate whose subject CN and DNS SAN are {@code name}; returns {certificate, key} paths. */
    public Path[] issue(String name) throws Exception {
        KeyPair keys = keyPair();
        X509Certificate certificate = sign("CN=" + name, keys, caKeys, name, false);
        return new Path[] {write(name + ".pem", certificate), write(name + "-key.pem", keys.getPrivate())};
    }

    private X509Certificate sign(String subject, KeyPair subjectKeys, KeyPair issuerKeys, String dnsName, boolean isCa)
            throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                isCa
                        ? new X500Name(subject)
                        : new X500Name(ca.getSubjectX500Principal().getName()),
                BigInteger.valueOf(serial++),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))),
                new X500Name(subject),
                subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (dnsName != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, dnsName), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
        }
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private Path write(String name, Object pemObject) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(
                    pemObject instanceof java.security.PrivateKey key
                            ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null)
                            : pemObject);
        }
        return Files.writeString(dir.resolve(name), text.toString());
    }
}
