package io.hashfence.collector.fleet;

import java.util.concurrent.CompletableFuture;

/**
 * Where the duplicate check's windows are made durable, so that a PUBACK goes out only once the (site, rig, seq)
 * it confirms would be known as a duplicate after a crash: the data directory's {@link SequenceJournal}, or the
 * shared store that the collectors a site may move between read. Records are numbered in the order queued.
 */
public interface SequenceRecorder extends AutoCloseable {
    /**
     * Queues a (site, rig, seq) that arrived; it is durable once {@link #isDurable} holds for the returned number.
     * Call it after marking the number in the windows.
     */
    long append(RigKey rig, long seq);

    /** The number {@link #append} returned last. */
    long lastEnqueued();

    boolean isDurable(long appended);

    /** Completes when every record up to {@code appended} is durable. */
    CompletableFuture<Void> durable(long appended);

    /** Writes what is queued, then closes. */
    @Override
    void close();
}
