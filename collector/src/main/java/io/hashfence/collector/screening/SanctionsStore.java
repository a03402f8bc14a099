package io.hashfence.collector.screening;

import io.hashfence.collector.metrics.ReloadMetrics;
import io.hashfence.collector.storage.WatchedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private final Runnable onChange;
    private final ReloadMetrics reloads;
    private final SanctionsList bundled;
    private final WatchedFile<SanctionsList> watched;

    /**
     * @param file the imported list to use and watch (it need not exist yet), or null for the bundled one alone
     * @param onChange called after a new list takes effect, to screen every rig again
     */
    public SanctionsStore(Path file, ReloadMetrics reloads, Runnable onChange) {
        this.onChange = onChange;
        this.reloads = reloads;
        this.bundled = file == null ? bundled() : null;
        this.watched = file == null
                ? null
                : WatchedFile.watch(
                        file,
                        "sanctions",
                        SanctionsStore::read,
                        SanctionsStore::bundled,
                        this::reloaded,
                        this::refused);
        reloads.loaded();
        describe("sanctions list", get());
    }

    public static Path fileIn(Path dataDir) {
        return dataDir.resolve("sanctions").resolve(FILE_NAME);
    }

    public static SanctionsList bundled() {
        try (InputStream in = SanctionsStore.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("sanctions list missing from the collector jar: " + BUNDLED_RESOURCE);
            }
            return SanctionsListFormat.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled " + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled sanctions list", e);
        }
    }

    @Override
    public SanctionsList get() {
        return watched == null ? bundled : watched.get();
    }

    /** Reads the file again now (SIGHUP); returns whether a new list took effect (false while there is none). */
    public boolean reload() {
        return watched != null && Files.exists(watched.file()) && watched.reload();
    }

    private void reloaded(SanctionsList list) {
        reloads.loaded();
        describe("sanctions list reloaded", list);
        onChange.run();
    }

    private void refused(Exception reason) {
        reloads.invalid();
        LOG.error("refused sanctions list change, the last good list stays in force: {}", reason.getMessage());
    }

    private static SanctionsList read(Path file) {
        try {
            return SanctionsListFormat.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void describe(String what, SanctionsList list) {
        LOG.info("{}: {} addresses from {}, published {}", what, list.size(), list.source(), list.published());
    }

    @Override
    public void close() {
        if (watched != null) {
            watched.close();
        }
    }
}
