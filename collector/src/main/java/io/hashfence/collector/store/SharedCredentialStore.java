package io.hashfence.collector.store;

import io.hashfence.collector.site.SiteCredential;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.collector.site.TokenKey;
import io.hashfence.collector.site.TokenScheme;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Site credentials in the shared store, so that a token added or rotated through any collector works, or stops
 * working, on all of them. The tokens' HMACs are keyed with one token key the store keeps (created by the first
 * collector); a stolen copy of the credential table is useless without it, but unlike the data directory's
 * {@code sites.key} it lives beside the hashes, so the database's access rights protect both. The credentials are
 * held in memory, so a CONNECT is checked where it is handled; {@link #refresh()}, run every second, reloads them
 * when another collector changed them (the largest revision or the count moved).
 */
public final class SharedCredentialStore implements SiteCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(SharedCredentialStore.class);

    private final StoreDatabase store;
    private final TokenKey key;
    private volatile Loaded loaded;

    private record Loaded(Map<SiteId, SiteCredential> credentials, long revision, int count) {}

    private SharedCredentialStore(StoreDatabase store, TokenKey key) {
        this.store = store;
        this.key = key;
    }

    /** Reads (creating it on first use) the shared token key and every site's credential. */
    public static SharedCredentialStore open(StoreDatabase store) throws IOException {
        try {
            SharedCredentialStore credentials = new SharedCredentialStore(store, tokenKey(store));
            credentials.loaded = credentials.load();
            return credentials;
        } catch (SQLException e) {
            throw new IOException(
                    "cannot read site credentials from the shared store " + store.safeUrl() + ": " + e.getMessage(), e);
        }
    }

    private static TokenKey tokenKey(StoreDatabase store) throws SQLException {
        try (Connection connection = store.connection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO token_key (id, key) VALUES (1, ?) ON CONFLICT DO NOTHING")) {
                insert.setBytes(1, TokenKey.newKeyBytes());
                insert.executeUpdate();
            }
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT key FROM token_key WHERE id = 1")) {
                rows.next();
                return TokenKey.of(rows.getBytes(1));
            }
        }
    }

    @Override
    public Optional<SiteCredential> find(SiteId site) {
        return Optional.ofNullable(loaded.credentials().get(site));
    }

    @Override
    public Map<SiteId, SiteCredential> all() {
        return loaded.credentials();
    }

    @Override
    public String add(SiteId site, TokenHasher hasher) throws IOException {
        String token = hasher.newToken();
        int inserted = write(
                site,
                "INSERT INTO site_credential (scheme, hash, created, site, revision) "
                        + "VALUES (?, ?, ?, ?, nextval('site_credential_revision')) ON CONFLICT (site) DO NOTHING",
                token);
        if (inserted == 0) {
            throw new IllegalArgumentException("site " + site + " already exists in the shared store " + location());
        }
        return token;
    }

    @Override
    public String rotate(SiteId site, TokenHasher hasher) throws IOException {
        String token = hasher.newToken();
        int updated = write(
                site,
                "UPDATE site_credential SET scheme = ?, hash = ?, created = ?, "
                        + "revision = nextval('site_credential_revision') WHERE site = ?",
                token);
        if (updated == 0) {
            throw new IllegalArgumentException("no site " + site + " in the shared store " + location());
        }
        return token;
    }

    /** Runs an insert or update whose parameters are scheme, hash, created and site; then reloads. */
    private int write(SiteId site, String sql, String token) throws IOException {
        // timestamptz keeps microseconds: what is read back must equal what was issued
        Timestamp created = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        try (Connection connection = store.connection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, TokenScheme.HMAC_SHA256.label());
            statement.setBytes(2, key.hash(token));
            statement.setTimestamp(3, created);
            statement.setString(4, site.value());
            int changed = statement.executeUpdate();
            loaded = load();
            return changed;
        } catch (SQLException e) {
            throw new IOException(
                    "cannot write site " + site + " to the shared store " + location() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean matches(SiteCredential credential, String token) {
        return credential.scheme() == TokenScheme.HMAC_SHA256
                && MessageDigest.isEqual(key.hash(token), credential.hash());
    }

    /** The shared store issues HMAC entries only, so there is nothing to upgrade: the credential as it is now. */
    @Override
    public SiteCredential upgrade(SiteCredential verified, String token) {
        return find(verified.site()).orElse(verified);
    }

    @Override
    public void prepare() {
        key.hash("");
    }

    @Override
    public String location() {
        return store.safeUrl();
    }

    /**
     * Reloads the credentials if another collector changed them. A store that cannot be reached keeps the last
     * credentials in force (logged); the next run tries again.
     */
    public void refresh() {
        try {
            Loaded known = loaded;
            try (Connection connection = store.connection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT coalesce(max(revision), 0), count(*) FROM site_credential")) {
                rows.next();
                if (rows.getLong(1) == known.revision() && rows.getInt(2) == known.count()) {
                    return;
                }
            }
            loaded = load();
        } catch (SQLException e) {
            LOG.warn(
                    "cannot refresh site credentials from the shared store {} ({}); the last ones read stay in force",
                    location(),
                    e.getMessage());
        }
    }

    private Loaded load() throws SQLException {
        Map<SiteId, SiteCredential> credentials = new LinkedHashMap<>();
        long revision = 0;
        try (Connection connection = store.connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT site, scheme, hash, created, revision FROM site_credential ORDER BY site")) {
            while (rows.next()) {
                SiteId site = SiteId.of(rows.getString(1));
                String label = rows.getString(2);
                TokenScheme scheme = TokenScheme.fromLabel(label)
                        .orElseThrow(() -> new IllegalStateException(
                                "site " + site + " has an unknown scheme \"" + label + "\" in the shared store"));
                credentials.put(
                        site,
                        new SiteCredential(
                                site,
                                scheme,
                                new byte[0],
                                rows.getBytes(3),
                                0,
                                rows.getTimestamp(4).toInstant()));
                revision = Math.max(revision, rows.getLong(5));
            }
        }
        return new Loaded(Map.copyOf(credentials), revision, credentials.size());
    }
}
