package io.hashfence.collector.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.storage.Directories;
import io.hashfence.collector.storage.PrivateFiles;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.protocol.TelemetryCodec;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig registry across restarts ({@code rigs.snapshot} in the data directory, mode 0600): one JSON line
 * per rig with when it was first and last seen, its interval, its newest telemetry as on the wire, and the
 * location history the evidence rules keep of it ({@link RigLine}). It is
 * rewritten whole (new file, forced, renamed into place) soon after a new rig's first message, every minute
 * while samples arrive, and at shutdown; on start every rig in it is restored, down until it reports.
 * "Soon" is a second, or ten times as long as the last write took, so that writing a large fleet over and over
 * while new rigs keep arriving never takes more than about a tenth of one core.
 */
public final class RigSnapshot {
    public static final String FILE_NAME = "rigs.snapshot";
    static final Duration PERIOD = Duration.ofMinutes(1);
    private static final String FORMAT = "hashfence-rigs-v1";
    private static final Logger LOG = LoggerFactory.getLogger(RigSnapshot.class);

    private final Path file;
    private final RigRegistry registry;
    private final RigLine lines;
    private final CollectorJson json;
    private final RigHistories histories;
    private final StorageHealth health;
    private int writtenRigs;
    private long writtenChanges;
    private long writtenAtNanos;
    private long lastWriteNanos;
    private boolean failing;

    public RigSnapshot(
            Path dataDir,
            RigRegistry registry,
            RigHistories histories,
            TelemetryCodec codec,
            StorageHealth health,
            CollectorJson json) {
        this.file = dataDir.resolve(FILE_NAME);
        this.registry = registry;
        this.histories = histories;
        this.json = json;
        this.lines = new RigLine(codec, json);
        this.health = health;
        this.writtenAtNanos = System.nanoTime();
        health.track(file);
    }

    /** Restores every rig of the snapshot into the registry, down; a line that does not read is logged and skipped. */
    public int restore() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        int restored = 0;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.contains(FORMAT)) {
                    continue;
                }
                try {
                    JsonNode node = json.read(line);
                    RigRecord rig = lines.parse(node);
                    registry.restore(rig);
                    restored++;
                    restoreHistory(rig.key(), node, lineNumber);
                } catch (IOException | RuntimeException e) {
                    LOG.error("{} line {}: not a rig ({}); skipped", file, lineNumber, e.getMessage());
                }
            }
        }
        writtenRigs = registry.size();
        writtenChanges = registry.changes();
        LOG.info("rig registry: {} rig(s) restored from {}, down until they report", restored, file);
        return restored;
    }

    /** A history that does not read is logged and left out: the rig is restored, its evidence starts afresh. */
    private void restoreHistory(RigKey rig, JsonNode line, int lineNumber) {
        try {
            byte[] history = RigLine.history(line);
            if (history != null) {
                histories.restore(rig, history);
            }
        } catch (IllegalArgumentException e) {
            LOG.error(
                    "{} line {}: the location history of rig {} of site {} does not read ({}); its evidence starts"
                            + " afresh",
                    file,
                    lineNumber,
                    rig.rig(),
                    rig.site(),
                    e.getMessage());
        }
    }

    /** Writes the snapshot if a rig is new, or if anything changed and the last one is a minute old. */
    public synchronized void writeIfDue() {
        long sinceLast = System.nanoTime() - writtenAtNanos;
        boolean newRigs = registry.size() != writtenRigs && sinceLast >= 10 * lastWriteNanos;
        boolean due = registry.changes() != writtenChanges && sinceLast >= PERIOD.toNanos();
        if (newRigs || due) {
            write();
        }
    }

    /** Writes the snapshot now. A failure is logged (once until it succeeds again) and reported to health. */
    public synchronized void write() {
        int rigs = registry.size();
        long changes = registry.changes();
        long started = System.nanoTime();
        try {
            writeFile();
            lastWriteNanos = System.nanoTime() - started;
            writtenRigs = rigs;
            writtenChanges = changes;
            writtenAtNanos = System.nanoTime();
            health.writeSucceeded(file);
            if (failing) {
                LOG.info("the rig snapshot {} is written again", file);
                failing = false;
            }
        } catch (IOException e) {
            health.writeFailed(file, e);
            if (!failing) {
                LOG.error("cannot write the rig snapshot {}; retried: {}", file, e.getMessage());
                failing = true;
            }
        }
    }

    private void writeFile() throws IOException {
        Path next = file.resolveSibling(FILE_NAME + ".writing");
        try (FileChannel channel = PrivateFiles.open(
                next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            out.write(("{\"format\":\"" + FORMAT + "\"}\n").getBytes(StandardCharsets.US_ASCII));
            for (RigRecord rig : registry.all()) {
                lines.write(rig, histories.saved(rig.key()), out);
                out.write('\n');
            }
            out.flush();
            channel.force(false);
        } catch (IOException e) {
            Files.deleteIfExists(next);
            throw e;
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Directories.force(file.getParent());
    }
}
