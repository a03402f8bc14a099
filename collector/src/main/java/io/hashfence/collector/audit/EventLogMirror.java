package io.hashfence.collector.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A second home for the event log's records (the shared store's {@code event_record} table), written by the event
 * log's writer after the file and before the records count as durable, so a PUBACK waits for both.
 */
public interface EventLogMirror {
    /** The name the mirror goes by in the storage metrics and {@code /healthz}. */
    Path healthName();

    /** The newest record the mirror holds of this collector's chain, if any. */
    Optional<ChainRecord> storedHead() throws IOException;

    /**
     * Keeps the chain the mirror holds under this collector's name aside, under a new name it returns, so that
     * this collector's chain can start there afresh (its data directory was replaced).
     */
    String retire() throws IOException;

    /** Stores the records, all or none; a record already stored under its sequence number is left as it is. */
    void write(List<ChainRecord> records) throws IOException;
}
