package io.hashfence.collector.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far an append-only file is on disk: the highest sequence number its writer has forced, and futures
 * for those waiting for more. Sequence numbers start at 1, so 0 is durable from the start.
 */
public final class DurableMark {
    private final AtomicLong reached;
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> waiters = new ConcurrentSkipListMap<>();

    public DurableMark(long initial) {
        this.reached = new AtomicLong(initial);
    }

    public long get() {
        return reached.get();
    }

    public boolean isDurable(long seq) {
        return reached.get() >= seq;
    }

    /** Completes when everything up to {@code seq} is on disk. */
    public CompletableFuture<Void> when(long seq) {
        if (isDurable(seq)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiter = waiters.computeIfAbsent(seq, s -> new CompletableFuture<>());
        // The writer may have advanced between the first check and the registration.
        if (isDurable(seq)) {
            waiters.remove(seq);
            waiter.complete(null);
        }
        return waiter;
    }

    /** The writer has forced everything up to {@code seq}. */
    public void advance(long seq) {
        reached.set(seq);
        var ready = waiters.headMap(seq, true);
        ready.values().forEach(waiter -> waiter.complete(null));
        ready.clear();
    }
}
