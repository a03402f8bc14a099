package io.hashfence.collector.site;

import io.hashfence.protocol.SiteId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Notices when a site's credential is replaced ({@code sites rotate}) or removed, so that the sessions
 * that authenticated with the old token can be closed, not left running until they reconnect.
 */
public final class RevocationWatch implements Runnable {
    private final SiteCredentials store;
    private final BiConsumer<SiteId, SiteCredential> revoke;
    private Map<SiteId, SiteCredential> known;

    /** @param revoke closes a site's sessions that used a credential other than the given current one (or null) */
    public RevocationWatch(SiteCredentials store, BiConsumer<SiteId, SiteCredential> revoke) {
        this.store = store;
        this.revoke = revoke;
        this.known = store.all();
    }

    @Override
    public synchronized void run() {
        Map<SiteId, SiteCredential> now = store.all();
        Set<SiteId> sites = new HashSet<>(known.keySet());
        sites.addAll(now.keySet());
        for (SiteId site : sites) {
            SiteCredential current = now.get(site);
            if (current == null || !current.sameAs(known.get(site))) {
                revoke.accept(site, current);
            }
        }
        known = now;
    }
}
