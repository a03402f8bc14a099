package io.hashfence.collector.screening;

import io.hashfence.collector.metrics.ReloadMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sanctions list in force: the file {@code sanctions import} writes ({@code DATA_DIR/sanctions/
 * sdn-digital-currency-addresses.tsv}) when there is one, else the snapshot bundled in the jar. Like the
 * policy, the file is watched (every second): a new or changed file takes effect at once, a broken one
 * is refused with the line named, the last good list stays in force, and
 * {@code hashfence_sanctions_reloads_total{result}} counts both.
 */
public final class SanctionsStore implements Supplier<SanctionsList>, AutoCloseable {
    public static final String FILE_NAME = "sdn-digital-currency-addresses.tsv";
    static final String BUNDLED_RESOURCE = FILE_NAME;
    private static final Logger LOG = LoggerFactory.getLogger(SanctionsStore.class);

    private final Path file;
    private final Runnable onChange;
    private final AtomicReference<SanctionsList> current = new AtomicReference<>();
    private final ReloadMetrics reloads;
    private final ScheduledExecutorService watcher;
    private volatile FileTime seen;

    /**
     * @param file the imported list to use and watch (it need not exist yet), or null for the bundled one alone
     * @param onChange called after a new list takes effect, to screen every rig again
     */
    public SanctionsStore(Path file, ReloadMetrics reloads, Runnable onChange) {
        this.file = file;
        this.onChange = onChange;
        this.reloads = reloads;
        seen = modified();
        current.set(seen == null ? bundled() : read());
        reloads.loaded();
        describe("sanctions list");
        if (file == null) {
            watcher = null;
        } else {
            watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "sanctions-watcher");
                thread.setDaemon(true);
                return thread;
            });
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
        }
    }

    public static Path fileIn(Path dataDir) {
        return dataDir.resolve("sanctions").resolve(FILE_NAME);
    }

    public static SanctionsList bundled() {
        try (InputStream in = SanctionsStore.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("sanctions list missing from the collector jar: " + BUNDLED_RESOURCE);
            }
            return SanctionsListFormat.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "bundled " + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled sanctions list", e);
        }
    }

    @Override
    public SanctionsList get() {
        return current.get();
    }

    /** Reads the file again now (SIGHUP); returns whether a new list took effect. */
    public synchronized boolean reload() {
        if (file == null) {
            return false;
        }
        seen = modified();
        if (seen == null) {
            return false;
        }
        SanctionsList list;
        try {
            list = read();
        } catch (RuntimeException e) {
            reloads.invalid();
            LOG.error("refused sanctions list change, the last good list stays in force: {}", e.getMessage());
            return false;
        }
        current.set(list);
        reloads.loaded();
        describe("sanctions list reloaded");
        onChange.run();
        return true;
    }

    private void reloadIfChanged() {
        try {
            FileTime now = modified();
            if (now != null && !now.equals(seen)) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.error("sanctions list watch failed; it goes on", e);
        }
    }

    private SanctionsList read() {
        try {
            return SanctionsListFormat.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private FileTime modified() {
        if (file == null) {
            return null;
        }
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private void describe(String what) {
        SanctionsList list = current.get();
        LOG.info("{}: {} addresses from {}, published {}", what, list.size(), list.source(), list.published());
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
