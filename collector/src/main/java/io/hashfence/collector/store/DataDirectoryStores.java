package io.hashfence.collector.store;

import io.hashfence.collector.audit.EventLogMirror;
import io.hashfence.collector.fleet.SequenceJournal;
import io.hashfence.collector.fleet.SequenceRecorder;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.storage.StorageHealth;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A collector on its own ({@code store.url} unset): sites in {@code sites.json}, the duplicate check in
 * {@code sequences.log}, all in the data directory; nothing is shared.
 */
public final class DataDirectoryStores implements CollectorStores {
    private final Path dataDir;
    private final CredentialStore credentials;
    private SequenceJournal sequences;

    public DataDirectoryStores(Path dataDir) {
        this.dataDir = dataDir;
        this.credentials = new CredentialStore(dataDir);
    }

    @Override
    public SiteCredentials credentials() {
        return credentials;
    }

    @Override
    public Optional<EventLogMirror> eventLogMirror() {
        return Optional.empty();
    }

    @Override
    public SequenceRecorder sequences(SequenceWindows windows, StorageHealth health) throws IOException {
        sequences = SequenceJournal.open(dataDir, windows, health);
        return sequences;
    }

    @Override
    public String alertIdPrefix() {
        return "alert-";
    }

    @Override
    public SiteSharing siteSharing(FleetState fleet) {
        return SiteSharing.ALONE;
    }

    @Override
    public String sitesOption() {
        return "--data-dir " + dataDir;
    }

    @Override
    public void close() {
        if (sequences != null) {
            sequences.close();
        }
    }
}
