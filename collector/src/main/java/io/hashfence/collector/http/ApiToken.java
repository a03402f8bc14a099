package io.hashfence.collector.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token of the HTTP API's privileged endpoints, read from a file (created with a random token,
 * mode 0600, on first start). Compared in constant time; never logged.
 */
public final class ApiToken {
    private final byte[] token;

    private ApiToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public static ApiToken loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    "hfapi_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        }
        String token = Files.readString(file).strip();
        if (token.length() < 16) {
            throw new IllegalArgumentException("the API token in " + file + " is shorter than 16 characters");
        }
        return new ApiToken(token);
    }

    /** Whether an {@code Authorization} header value carries this token. */
    boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
}
