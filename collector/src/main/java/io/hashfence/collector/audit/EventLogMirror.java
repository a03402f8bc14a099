package io.hashfence.collector.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A second home for the event log's records (the shared store's {@code event_record} table), written by the event
 * log's writer after the file and before the records count as durable, so a PUBACK waits for both.
 */
public interface EventLogMirror {
    /** The name the mirror goes by in the storage metrics and {@code /healthz}. */
    Path healthName();

    /** The sequence number of the newest record the mirror holds of this collector's chain; 0 when none. */
    long storedHead() throws IOException;

    /** Stores the records, all or none; a record already stored under its sequence number is left as it is. */
    void write(List<ChainRecord> records) throws IOException;
}
