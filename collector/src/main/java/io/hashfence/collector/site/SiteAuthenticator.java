package io.hashfence.collector.site;

import io.hashfence.protocol.Ids;
import io.hashfence.protocol.SiteId;
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

/**
 * Checks a site id and token against the credential store. PBKDF2 is deliberately slow, so a token
 * that has already been verified is remembered as a keyed digest (the key lives only in this process):
 * a reconnect storm of thousands of agents costs one fast digest each, not one PBKDF2 each.
 */
public final class SiteAuthenticator {
    private final CredentialStore store;
    private final byte[] processKey = new byte[32];
    private final Map<SiteId, VerifiedToken> verified = new ConcurrentHashMap<>();
    private final Map<Attempt, CompletableFuture<Optional<SiteCredential>>> verifying = new ConcurrentHashMap<>();

    private record VerifiedToken(SiteCredential credential, byte[] digest) {
    }

    /** A site and the keyed digest of the token offered for it (ByteBuffer: equal by content). */
    private record Attempt(String siteId, ByteBuffer tokenDigest) {
    }

    public SiteAuthenticator(CredentialStore store) {
        this.store = store;
        new SecureRandom().nextBytes(processKey);
    }

    /**
     * The credential the token matches (naming the site), or empty when the id is unknown or the token
     * wrong. May take tens of ms.
     */
    public Optional<SiteCredential> authenticate(String siteId, byte[] token) {
        if (!Ids.isValid(siteId) || token == null || token.length == 0) {
            return Optional.empty();
        }
        SiteId site = SiteId.of(siteId);
        Optional<SiteCredential> credential = store.find(site);
        if (credential.isEmpty()) {
            return Optional.empty();
        }
        String tokenText = new String(token, StandardCharsets.UTF_8);
        byte[] digest = digest(tokenText);
        VerifiedToken known = verified.get(site);
        if (known != null && known.credential().sameAs(credential.get()) && MessageDigest.isEqual(known.digest(), digest)) {
            return credential;
        }
        if (TokenHasher.matches(tokenText, credential.get())) {
            verified.put(site, new VerifiedToken(credential.get(), digest));
            return credential;
        }
        return Optional.empty();
    }

    /**
     * {@link #authenticate} on {@code executor}. While a token is being verified, CONNECTs offering the same
     * token for the same site share that verification instead of queueing their own: after a collector restart
     * the whole fleet reconnects, and this way it costs one PBKDF2 per site rather than one per agent (and
     * agents are not turned away as "server busy" by a queue full of identical work).
     *
     * @throws RejectedExecutionException when the executor takes no more work
     */
    public CompletableFuture<Optional<SiteCredential>> verify(String siteId, byte[] token, Executor executor) {
        if (token == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Attempt attempt = new Attempt(siteId, ByteBuffer.wrap(digest(new String(token, StandardCharsets.UTF_8))));
        CompletableFuture<Optional<SiteCredential>> shared = verifying.computeIfAbsent(attempt,
                first -> CompletableFuture.supplyAsync(() -> authenticate(siteId, token), executor));
        shared.whenComplete((credential, failure) -> verifying.remove(attempt, shared));
        return shared;
    }

    /**
     * The credential, if this exact token was verified before: a keyed digest, cheap enough for the event
     * loop, so that a flood of wrong tokens queued for PBKDF2 cannot delay agents that reconnect.
     */
    public Optional<SiteCredential> alreadyVerified(String siteId, byte[] token) {
        if (!Ids.isValid(siteId) || token == null || token.length == 0) {
            return Optional.empty();
        }
        SiteId site = SiteId.of(siteId);
        VerifiedToken known = verified.get(site);
        Optional<SiteCredential> credential = store.find(site);
        if (known == null || credential.isEmpty() || !known.credential().sameAs(credential.get())) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(known.digest(), digest(new String(token, StandardCharsets.UTF_8)))
                ? credential : Optional.empty();
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
