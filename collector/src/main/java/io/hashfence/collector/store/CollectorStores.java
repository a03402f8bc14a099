package io.hashfence.collector.store;

import io.hashfence.collector.audit.EventLogMirror;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.fleet.SequenceRecorder;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.storage.StorageHealth;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a collector keeps what outlives a run or moves with a site, chosen once from {@code store.url}: its data
 * directory ({@link DataDirectoryStores}), or the PostgreSQL store the collectors of a fleet share
 * ({@link SharedStores}). Each part of the collector takes the store it needs from here; the data directory's own
 * files that both keep (the event log's {@code events.log}, {@code rigs.snapshot}) are not chosen here.
 */
public interface CollectorStores extends AutoCloseable {
    /** The data directory without {@code store.url}, else the shared store (connected, its schema migrated). */
    static CollectorStores open(CollectorConfig config) throws IOException {
        return config.store().shared() ? SharedStores.open(config.store()) : new DataDirectoryStores(config.dataDir());
    }

    /** The site credentials a CONNECT is checked against. */
    SiteCredentials credentials();

    /** The event log's second home, or empty when the data directory's {@code events.log} is its only one. */
    Optional<EventLogMirror> eventLogMirror();

    /** Where the duplicate check's windows are made durable before a PUBACK; closed with these stores. */
    SequenceRecorder sequences(SequenceWindows windows, StorageHealth health) throws IOException;

    /** How alert ids begin: with a shared store they name the node, so that no two collectors give the same id. */
    String alertIdPrefix();

    /** How the fleet's state reaches the collector a site moves to, once the parts that hold it exist. */
    SiteSharing siteSharing(FleetState fleet);

    /** The option that points {@code sites add} at these stores, as the startup log suggests it. */
    String sitesOption();

    /**
     * Writes what is left and lets go of the stores. A shared store that is away is not waited for: what was not
     * written to it is logged (it was never acknowledged, or the data directory holds it).
     */
    @Override
    void close();
}
