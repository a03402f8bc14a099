package io.hashfence.collector.store;

import io.hashfence.collector.ingest.SiteHandover;
import io.hashfence.protocol.SiteId;
import java.util.function.Predicate;

/**
 * How a site's state moves between the collectors of a fleet.
 *
 * @param servedHere whether this collector serves the site now (no other collector owns it), and so notifies and
 *                   stores its alerts
 * @param alertStore takes every alert transition this collector notified, and the acknowledgements of those
 *                   alerts, for the collector the site may move to
 * @param handover what is read of a site before its first PUBLISH here
 */
public record SiteSharing(Predicate<SiteId> servedHere, FiringAlertStore alertStore, SiteHandover handover) {
    /** A collector on its own: it serves every site, and nothing moves. */
    public static final SiteSharing ALONE = new SiteSharing(site -> true, FiringAlertStore.NONE, SiteHandover.NONE);
}
