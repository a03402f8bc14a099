package io.hashfence.collector.site;

import io.hashfence.collector.storage.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key site tokens are hashed with ({@code sites.key} in the data directory, mode 0600). Tokens
 * are 256 random bits, so a slow password hash buys nothing against guessing; a keyed HMAC also keeps a
 * stolen {@code sites.json} useless without this file, and costs a microsecond per CONNECT.
 */
public final class TokenKey {
    static final String FILE_NAME = "sites.key";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private TokenKey(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A key of 256 random bits, for a store that keeps it elsewhere than in a file. */
    public static byte[] newKeyBytes() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return fresh;
    }

    /** The key from its bytes, which a store other than the data directory keeps. */
    public static TokenKey of(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a token key must have at least 256 bits");
        }
        return new TokenKey(key);
    }

    /** Reads the key, creating it (atomically, so that two processes agree on one) if it does not exist. */
    static TokenKey loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] fresh = newKeyBytes();
            PrivateFiles.directory(dataDir);
            Path temporary = Files.createTempFile(dataDir, FILE_NAME, ".tmp", PrivateFiles.ownerOnly());
            try {
                Files.writeString(temporary, Base64.getEncoder().encodeToString(fresh) + "\n");
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                // another process created it first: use that one
            } finally {
                Files.delete(temporary);
            }
        }
        byte[] key;
        try {
            key = Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("the token key " + file + " is not base64: " + e.getMessage(), e);
        }
        if (key.length < 32) {
            throw new IOException("the token key " + file + " is shorter than 256 bits");
        }
        return new TokenKey(key);
    }

    public byte[] hash(String token) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }
}
