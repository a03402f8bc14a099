package io.hashfence.collector.ingest;

import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.fleet.SequenceRecorder;
import java.util.concurrent.CompletableFuture;

/** The event log (what a message caused) and the sequence journal (that it arrived), written by two threads. */
record EventLogAndJournal(EventLog eventLog, SequenceRecorder journal) implements DurableStores {
    @Override
    public StorePositions queued() {
        return new StorePositions(eventLog.lastEnqueued(), journal.lastEnqueued());
    }

    @Override
    public boolean isDurable(StorePositions positions) {
        return eventLog.isDurable(positions.events()) && journal.isDurable(positions.journal());
    }

    @Override
    public CompletableFuture<Void> durable(StorePositions positions) {
        return CompletableFuture.allOf(eventLog.durable(positions.events()), journal.durable(positions.journal()));
    }
}
