package io.hashfence.collector.ingest;

/**
 * Positions in the two stores a message writes to: the event log's sequence number and the sequence
 * journal's record count. 0 is durable from the start.
 */
record StorePositions(long events, long journal) {
    static final StorePositions NONE = new StorePositions(0, 0);
}
