package io.hashfence.collector.screening;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled IP-to-ASN table, read from the jar the first time it is needed: a collector whose policy
 * names no AS never spends the memory (about 11 MiB of heap) or the start-up time on it.
 */
public final class BundledAsnDatabase implements Supplier<IpAsnDatabase> {
    private static final Logger LOG = LoggerFactory.getLogger(BundledAsnDatabase.class);

    private volatile IpAsnDatabase loaded;

    @Override
    public IpAsnDatabase get() {
        IpAsnDatabase database = loaded;
        if (database == null) {
            synchronized (this) {
                database = loaded;
                if (database == null) {
                    long started = System.nanoTime();
                    database = IpAsnDatabase.loadBundled();
                    LOG.info(
                            "IP-to-ASN table loaded in {} ms ({} ranges), as the policy names hosting networks by AS",
                            (System.nanoTime() - started) / 1_000_000,
                            database.ranges());
                    loaded = database;
                }
            }
        }
        return database;
    }
}
