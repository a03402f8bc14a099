package io.hashfence.collector.site;

import io.hashfence.protocol.Ids;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a site id and token against the credential store, and keeps the failed-login back-off per source
 * address. A token stored as an HMAC is checked in a microsecond, right where the CONNECT is handled; only
 * a PBKDF2 hash from an earlier version needs the slow path, once: a good token upgrades it to an HMAC.
 */
public final class SiteAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(SiteAuthenticator.class);

    private final SiteCredentials store;
    private final SourceBackoff backoff;
    private final byte[] processKey = new byte[32];
    private final Map<Attempt, CompletableFuture<Optional<SiteCredential>>> verifying = new ConcurrentHashMap<>();

    /** A site and the keyed digest of the token offered for it (ByteBuffer: equal by content). */
    private record Attempt(String siteId, ByteBuffer tokenDigest) {}

    public SiteAuthenticator(SiteCredentials store) {
        this(store, new SourceBackoff());
    }

    public SiteAuthenticator(SiteCredentials store, SourceBackoff backoff) {
        this.store = store;
        this.backoff = backoff;
        new SecureRandom().nextBytes(processKey);
    }

    /**
     * The credential the token matches (naming the site), or empty when the id is unknown or the token
     * wrong. Takes tens of ms only for a PBKDF2 entry not yet upgraded.
     */
    public Optional<SiteCredential> authenticate(String siteId, byte[] token) {
        if (!Ids.isValid(siteId) || token == null || token.length == 0) {
            return Optional.empty();
        }
        Optional<SiteCredential> credential = store.find(SiteId.of(siteId));
        if (credential.isEmpty()) {
            return Optional.empty();
        }
        String tokenText = new String(token, StandardCharsets.UTF_8);
        try {
            if (!store.matches(credential.get(), tokenText)) {
                return Optional.empty();
            }
            return credential.get().scheme() == TokenScheme.PBKDF2
                    ? Optional.of(upgrade(credential.get(), tokenText))
                    : credential;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the token of site " + siteId + ": " + e.getMessage(), e);
        }
    }

    private SiteCredential upgrade(SiteCredential verified, String token) {
        try {
            SiteCredential upgraded = store.upgrade(verified, token);
            LOG.info(
                    "site {}: its token's PBKDF2 hash in {} is now an HMAC-SHA-256 hash",
                    verified.site(),
                    store.location());
            return upgraded;
        } catch (IOException e) {
            LOG.warn(
                    "site {}: cannot upgrade its token's PBKDF2 hash in {} ({}); it is checked the slow way again "
                            + "next time",
                    verified.site(),
                    store.location(),
                    e.getMessage());
            return verified;
        }
    }

    /**
     * {@link #authenticate}, and the back-off bookkeeping for {@code source}. Answered at once where that is
     * fast (an HMAC entry, an unknown site); a PBKDF2 entry is checked on {@code executor}, and CONNECTs
     * offering the same token for the same site meanwhile share that check.
     *
     * @throws RejectedExecutionException when the executor takes no more work
     */
    public CompletableFuture<Optional<SiteCredential>> verify(
            String siteId, byte[] token, InetAddress source, Executor executor) {
        CompletableFuture<Optional<SiteCredential>> result;
        if (!needsSlowCheck(siteId, token)) {
            try {
                result = CompletableFuture.completedFuture(authenticate(siteId, token));
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
        } else {
            Attempt attempt = new Attempt(siteId, ByteBuffer.wrap(digest(new String(token, StandardCharsets.UTF_8))));
            CompletableFuture<Optional<SiteCredential>> shared = verifying.computeIfAbsent(
                    attempt, first -> CompletableFuture.supplyAsync(() -> authenticate(siteId, token), executor));
            shared.whenComplete((credential, failure) -> verifying.remove(attempt, shared));
            result = shared;
        }
        return result.whenComplete((credential, failure) -> {
            if (credential != null && credential.isPresent()) {
                backoff.succeeded(source);
            } else if (failure == null) {
                backoff.failed(source);
            }
        });
    }

    /** Whether CONNECTs from this source are refused unchecked for now, after many failed logins in a row. */
    public boolean backsOff(InetAddress source) {
        return backoff.refuses(source);
    }

    private boolean needsSlowCheck(String siteId, byte[] token) {
        if (!Ids.isValid(siteId) || token == null || token.length == 0) {
            return false;
        }
        Optional<SiteCredential> credential = store.find(SiteId.of(siteId));
        return credential.isPresent() && credential.get().scheme() == TokenScheme.PBKDF2;
    }

    /**
     * For a client whose verified TLS certificate names {@code siteId}: the site's credential if the site is
     * registered. The certificate is the proof; no token is needed.
     */
    public Optional<SiteCredential> authenticateByCertificate(String siteId) {
        return Ids.isValid(siteId) ? store.find(SiteId.of(siteId)) : Optional.empty();
    }

    private byte[] digest(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(processKey);
            return sha256.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
