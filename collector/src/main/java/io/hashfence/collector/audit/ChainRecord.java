package io.hashfence.collector.audit;

import java.time.Instant;

/**
 * One event-log record as it is chained: its sequence number, the hash it carries and the JSON text that hash is
 * the SHA-256 of. A line of {@code events.log} is {@code hash + ' ' + json}.
 */
public record ChainRecord(long seq, Instant time, String hash, String json) {
    /** The record as a line of {@code events.log}, without its newline. */
    public String line() {
        return hash + ' ' + json;
    }

    /** The record read from a line of {@code events.log}; null when the line is not a readable record. */
    static ChainRecord fromLine(String line) {
        try {
            EventLogLineFormat.Line split = EventLogLineFormat.decode(line);
            AuditEvent event = split.fields().event();
            return new ChainRecord(event.seq(), event.time(), split.hash(), split.text());
        } catch (EventLogLineFormat.Malformed e) {
            return null;
        }
    }
}
