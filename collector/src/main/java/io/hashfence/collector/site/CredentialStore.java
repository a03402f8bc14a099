package io.hashfence.collector.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.storage.PrivateFiles;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The site credentials file ({@code sites.json} in the data directory, mode 0600). Reloaded when the
 * file changes, so that {@code sites add} takes effect in a running collector. New tokens are stored as
 * HMAC-SHA-256 under the data directory's {@link TokenKey}; a PBKDF2 hash an earlier version stored is
 * checked the slow way once and then replaced by its HMAC ({@link #upgrade}).
 */
public final class CredentialStore implements SiteCredentials {
    public static final String FILE_NAME = "sites.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Path dataDir;
    private volatile TokenKey key;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), null);

    private record Snapshot(Map<SiteId, SiteCredential> credentials, FileTime modified) {}

    public CredentialStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
        this.dataDir = dataDir;
    }

    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public Optional<SiteCredential> find(SiteId site) {
        return Optional.ofNullable(current().credentials().get(site));
    }

    @Override
    public int size() {
        return current().credentials().size();
    }

    /** Adds a site and returns its new token; the token is not kept anywhere. */
    @Override
    public synchronized String add(SiteId site, TokenHasher hasher) throws IOException {
        if (current().credentials().containsKey(site)) {
            throw new IllegalArgumentException("site " + site + " already exists in " + file);
        }
        return issue(site, hasher);
    }

    /** Replaces a site's token with a new one, which it returns; the old one stops working at once. */
    @Override
    public synchronized String rotate(SiteId site, TokenHasher hasher) throws IOException {
        if (!current().credentials().containsKey(site)) {
            throw new IllegalArgumentException("no site " + site + " in " + file);
        }
        return issue(site, hasher);
    }

    private String issue(SiteId site, TokenHasher hasher) throws IOException {
        Map<SiteId, SiteCredential> credentials = new LinkedHashMap<>(current().credentials());
        String token = hasher.newToken();
        credentials.put(site, hmacCredential(site, token, Instant.now()));
        write(credentials);
        return token;
    }

    /** Whether the token is the one the credential stands for; slow (tens of ms) only for a PBKDF2 entry. */
    @Override
    public boolean matches(SiteCredential credential, String token) throws IOException {
        return switch (credential.scheme()) {
            case HMAC_SHA256 -> MessageDigest.isEqual(key().hash(token), credential.hash());
            case PBKDF2 -> TokenHasher.matchesPbkdf2(token, credential);
        };
    }

    /**
     * Replaces a PBKDF2 entry, whose token was just verified, by the token's HMAC (same issue time, so its
     * sessions stay open). Does nothing if the entry changed meanwhile, e.g. the token was rotated.
     *
     * @return the site's credential now
     */
    @Override
    public synchronized SiteCredential upgrade(SiteCredential verified, String token) throws IOException {
        SiteCredential current = current().credentials().get(verified.site());
        if (current == null || current.scheme() != TokenScheme.PBKDF2 || !current.sameAs(verified)) {
            return current == null ? verified : current;
        }
        Map<SiteId, SiteCredential> credentials = new LinkedHashMap<>(current().credentials());
        SiteCredential upgraded = hmacCredential(verified.site(), token, verified.created());
        credentials.put(verified.site(), upgraded);
        write(credentials);
        return upgraded;
    }

    /**
     * Loads (creating it if needed) the token key and hashes once with it, so that the first CONNECT after a
     * start does not pay for reading the key and initialising the HMAC (a few hundred ms on a loaded machine).
     */
    @Override
    public void prepare() throws IOException {
        key().hash("");
    }

    private SiteCredential hmacCredential(SiteId site, String token, Instant created) throws IOException {
        return new SiteCredential(site, TokenScheme.HMAC_SHA256, new byte[0], key().hash(token), 0, created);
    }

    private TokenKey key() throws IOException {
        TokenKey known = key;
        if (known == null) {
            synchronized (this) {
                if (key == null) {
                    key = TokenKey.loadOrCreate(dataDir);
                }
                known = key;
            }
        }
        return known;
    }

    /** Every site's current credential, re-read if the file changed. */
    @Override
    public Map<SiteId, SiteCredential> all() {
        return current().credentials();
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        FileTime modified = modifiedTime();
        if (modified == null || modified.equals(known.modified())) {
            return known;
        }
        synchronized (this) {
            if (!modified.equals(snapshot.modified())) {
                snapshot = new Snapshot(read(), modified);
            }
            return snapshot;
        }
    }

    private FileTime modifiedTime() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private Map<SiteId, SiteCredential> read() {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<SiteId, SiteCredential> credentials = new LinkedHashMap<>();
            Base64.Decoder base64 = Base64.getDecoder();
            for (JsonNode entry : root.path("sites")) {
                SiteId site = SiteId.of(entry.path("site").asText());
                String label = entry.path("scheme").asText(TokenScheme.PBKDF2.label());
                TokenScheme scheme = TokenScheme.fromLabel(label)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "site " + site + " has an unknown scheme \"" + label + "\""));
                credentials.put(
                        site,
                        new SiteCredential(
                                site,
                                scheme,
                                base64.decode(entry.path("salt").asText("")),
                                base64.decode(entry.path("hash").asText()),
                                entry.path("iterations").asInt(0),
                                Instant.parse(entry.path("created").asText())));
            }
            return Map.copyOf(credentials);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read site credentials from " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Map<SiteId, SiteCredential> credentials) throws IOException {
        PrivateFiles.directory(file.getParent());
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "hashfence-sites-v2");
        ArrayNode sites = root.putArray("sites");
        Base64.Encoder base64 = Base64.getEncoder();
        for (SiteCredential credential : credentials.values()) {
            ObjectNode entry = sites.addObject()
                    .put("site", credential.site().value())
                    .put("scheme", credential.scheme().label())
                    .put("hash", base64.encodeToString(credential.hash()));
            if (credential.scheme() == TokenScheme.PBKDF2) {
                entry.put("salt", base64.encodeToString(credential.salt())).put("iterations", credential.iterations());
            }
            entry.put("created", credential.created().toString());
        }
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp", PrivateFiles.ownerOnly());
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), root);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        snapshot = new Snapshot(Map.copyOf(credentials), modifiedTime());
    }
}
