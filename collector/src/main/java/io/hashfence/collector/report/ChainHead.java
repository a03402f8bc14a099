package io.hashfence.collector.report;

/**
 * The newest intact record of the event log a report was built from.
 *
 * @param hash that record's SHA-256 (64 zeros for an empty log; the checkpoint's anchor for a log compacted empty)
 * @param seq its sequence number (0 for an empty log)
 * @param records how many intact records the log file holds (fewer than {@code seq} after compaction)
 */
public record ChainHead(String hash, long seq, long records) {}
