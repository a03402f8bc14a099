package io.hashfence.collector.audit;

import io.hashfence.collector.storage.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The collector's Ed25519 audit key, which signs compaction checkpoints. The private key stays in the data
 * directory (mode 0600); give the public key's fingerprint to whoever must check the log later, so that
 * a re-signed log would not verify against it.
 */
public final class AuditKey {
    static final String PRIVATE_FILE = "audit-signing.key";
    static final String PUBLIC_FILE = "audit-signing.pub";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private AuditKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key pair from the data directory, creating it on first use. */
    public static AuditKey loadOrCreate(Path dataDir) throws IOException {
        Path privateFile = dataDir.resolve(PRIVATE_FILE);
        Path publicFile = dataDir.resolve(PUBLIC_FILE);
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (Files.exists(privateFile)) {
                return new AuditKey(
                        factory.generatePrivate(new PKCS8EncodedKeySpec(decode(privateFile))),
                        factory.generatePublic(new X509EncodedKeySpec(decode(publicFile))));
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            PrivateFiles.directory(dataDir);
            Files.writeString(
                    Files.createFile(privateFile, PrivateFiles.ownerOnly()),
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            Files.writeString(
                    publicFile,
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            return new AuditKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the audit key in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Only the public half, for verifying. */
    public static PublicKey publicKey(Path dataDir) throws IOException {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(decode(dataDir.resolve(PUBLIC_FILE))));
        } catch (GeneralSecurityException e) {
            throw new IOException("unreadable audit public key in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    String sign(String content) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(PublicKey key, String content, String signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(content.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** SHA-256 of the encoded public key, short enough to read out and write down. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    private static byte[] decode(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file).strip());
    }
}
