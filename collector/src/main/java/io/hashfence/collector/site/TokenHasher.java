package io.hashfence.collector.site;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Issues site tokens, and checks tokens against the salted PBKDF2-HMAC-SHA256 hashes earlier versions stored
 * (new tokens are stored as HMACs, see {@link TokenKey}); only hashes are ever stored.
 */
public final class TokenHasher {
    private static final String PBKDF2 = "PBKDF2WithHmacSHA256";
    private static final int TOKEN_BYTES = 32;
    private static final int HASH_BITS = 256;

    private final SecureRandom random = new SecureRandom();

    /** A new token: 256 random bits, URL-safe, prefixed so that a leaked one is easy to recognise. */
    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return "hf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] pbkdf2(String token, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(PBKDF2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(PBKDF2 + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Whether the token matches a PBKDF2 credential: deliberately slow (tens of ms). */
    static boolean matchesPbkdf2(String token, SiteCredential credential) {
        return MessageDigest.isEqual(pbkdf2(token, credential.salt(), credential.iterations()), credential.hash());
    }
}
