package io.hashfence.collector.report;

import java.util.List;

/**
 * The newest intact record of the event log a report was built from; for a report over the shared store's chains,
 * the fleet head over every node's head.
 *
 * @param hash that record's SHA-256 (64 zeros for an empty log; the checkpoint's anchor for a log compacted empty);
 *             for a fleet, the SHA-256 of the lines {@code NODE SEQ HASH\n} of {@code nodes}
 * @param seq its sequence number (0 for an empty log); for a fleet, the number of records read
 * @param records how many intact records the log file holds (fewer than {@code seq} after compaction); for a fleet,
 *                the number of records read
 * @param nodes each collector's chain head behind a fleet head, in the order of their names; empty for one log
 */
public record ChainHead(String hash, long seq, long records, List<NodeHead> nodes) {
    /** One collector's chain in the shared store: its newest intact record and how many records it holds there. */
    public record NodeHead(String node, long seq, String hash, long records) {}

    public ChainHead {
        nodes = List.copyOf(nodes);
    }

    /** The head of one log. */
    public ChainHead(String hash, long seq, long records) {
        this(hash, seq, records, List.of());
    }
}
