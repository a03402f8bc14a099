package io.hashfence.collector;

import io.hashfence.collector.audit.AuditKey;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.audit.Witness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The event log's head signed into the witness directory: at start, on every {@link #run()} and at close. */
final class EventLogWitness implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLogWitness.class);

    private final Witness witness;
    private final EventLog eventLog;

    private EventLogWitness(Witness witness, EventLog eventLog) {
        this.witness = witness;
        this.eventLog = eventLog;
    }

    /** Opens the witness log in the directory and signs the current head into it. */
    static EventLogWitness start(Path witnessDir, Path dataDir, EventLog eventLog, Clock clock) throws IOException {
        if (witnessDir
                .toAbsolutePath()
                .normalize()
                .startsWith(dataDir.toAbsolutePath().normalize())) {
            LOG.warn(
                    "the witness directory {} is inside the data directory {}: it is lost or rewritten with the "
                            + "log; put it on other storage (another disk, a mounted bucket)",
                    witnessDir,
                    dataDir);
        }
        EventLogWitness started =
                new EventLogWitness(Witness.open(witnessDir, AuditKey.loadOrCreate(dataDir), clock), eventLog);
        started.witness.witness(eventLog.head());
        return started;
    }

    @Override
    public void run() {
        try {
            witness.witness(eventLog.head());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the witness " + witness.file() + ": " + e.getMessage(), e);
        }
    }

    /** The last head; call it once the event log is closed, so that everything queued is on disk and witnessed. */
    @Override
    public void close() {
        try (witness) {
            witness.witness(eventLog.head());
        } catch (IOException e) {
            LOG.error("cannot write the last checkpoint to the witness {}: {}", witness.file(), e.getMessage());
        }
    }
}
