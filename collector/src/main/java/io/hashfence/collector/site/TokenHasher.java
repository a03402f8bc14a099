package io.hashfence.collector.site;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Issues site tokens and derives their salted PBKDF2-HMAC-SHA256 hashes; only hashes are ever stored. */
public final class TokenHasher {
    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int TOKEN_BYTES = 32;
    private static final int HASH_BITS = 256;

    private final SecureRandom random = new SecureRandom();

    /** A new token: 256 random bits, URL-safe, prefixed so that a leaked one is easy to recognise. */
    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return "hf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    public static byte[] hash(String token, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    public static boolean matches(String token, SiteCredential credential) {
        byte[] candidate = hash(token, credential.salt(), credential.iterations());
        return MessageDigest.isEqual(candidate, credential.hash());
    }
}
