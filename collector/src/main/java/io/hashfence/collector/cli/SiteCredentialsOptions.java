package io.hashfence.collector.cli;

import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.config.ConfigLoader;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.store.SharedCredentialStore;
import io.hashfence.collector.store.StoreDatabase;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code sites} finds the credentials, as {@code run} does: the shared store when {@code --store-url},
 * HASHFENCE_STORE_URL or {@code store.url} in the {@code --config} file names one, else the data directory
 * ({@code --data-dir}, else HASHFENCE_DATA_DIR, else {@code data_dir} from the file, else ./data).
 */
final class SiteCredentialsOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "the collector's data directory (default: ./data)")
    Path dataDir;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "the collector's YAML config file, for its data_dir or store.url")
    Path configFile;

    @Option(
            names = "--store-url",
            paramLabel = "URL",
            description = "the shared store, jdbc:postgresql://HOST:PORT/DATABASE?user=USER (default: store.url)")
    String storeUrl;

    /** What a command does with the credentials. */
    interface Use<T> {
        T with(SiteCredentials credentials) throws IOException;
    }

    <T> T apply(Use<T> use) throws IOException {
        CollectorConfig config = new ConfigLoader(System.getenv()).load(configFile);
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        if (storeUrl != null) {
            config = config.withStoreUrl(storeUrl);
        }
        if (!config.store().shared()) {
            return use.with(new CredentialStore(config.dataDir()));
        }
        try (StoreDatabase store = StoreDatabase.open(config.store())) {
            return use.with(SharedCredentialStore.open(store));
        }
    }
}
