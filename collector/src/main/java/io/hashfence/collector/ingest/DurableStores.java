package io.hashfence.collector.ingest;

import java.util.concurrent.CompletableFuture;

/** The stores a message's effects are written to, as far as the PUBACKs care: how far queued, how far on disk. */
interface DurableStores {
    /** The newest queued position of each store. */
    StorePositions queued();

    /** Whether both stores are on disk up to {@code positions}. */
    boolean isDurable(StorePositions positions);

    /** Completes when both stores are on disk up to {@code positions}. */
    CompletableFuture<Void> durable(StorePositions positions);
}
