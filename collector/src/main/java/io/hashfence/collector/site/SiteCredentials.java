package io.hashfence.collector.site;

import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where the sites' credentials live: the data directory's {@code sites.json} ({@link CredentialStore}) or the
 * shared store that several collectors use. Reads answer from memory, so that a CONNECT is checked where it is
 * handled; changes another process makes are picked up within about a second.
 */
public interface SiteCredentials {
    Optional<SiteCredential> find(SiteId site);

    /** Every site's current credential. */
    Map<SiteId, SiteCredential> all();

    default int size() {
        return all().size();
    }

    /** Adds a site and returns its new token; the token is not kept anywhere. */
    String add(SiteId site, TokenHasher hasher) throws IOException;

    /** Replaces a site's token with a new one, which it returns; the old one stops working at once. */
    String rotate(SiteId site, TokenHasher hasher) throws IOException;

    /** Whether the token is the one the credential stands for. */
    boolean matches(SiteCredential credential, String token) throws IOException;

    /**
     * Replaces a PBKDF2 entry, whose token was just verified, by the token's HMAC; the site's credential now.
     */
    SiteCredential upgrade(SiteCredential verified, String token) throws IOException;

    /** Loads what the first check needs, so that the first CONNECT after a start does not wait for it. */
    void prepare() throws IOException;

    /** Where the credentials are, for messages: a file, or the shared store's URL. */
    String location();
}
