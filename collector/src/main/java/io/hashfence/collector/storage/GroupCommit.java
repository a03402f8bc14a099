package io.hashfence.collector.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that makes queued records durable in batches (group commit): appends are numbered and queued
 * without blocking; the writer takes whatever has queued, has {@link BatchWriter#write} store it durably (one
 * fsync, one transaction), and only then advances the durable mark that PUBACKs wait on. A batch that cannot be
 * written is reported ({@link BatchWriter#failed}) and tried again a second later, so nothing counts as durable
 * before it is. {@link #close()} writes what is queued; a write that fails while stopping is not retried: what it
 * held was never declared durable (so never acknowledged), and the records left are logged.
 *
 * @param <T> a queued record
 */
public final class GroupCommit<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long JOIN_MILLIS = 10_000;

    /** Where a batch goes, and who hears of failures. */
    public interface BatchWriter<T> {
        /** Stores the batch durably, all of it or none (a failure undoes what it wrote). */
        void write(List<T> batch) throws IOException;

        /** A write failed: count and log it; the batch is tried again a second later, unless stopping. */
        void failed(List<T> batch, IOException failure);

        /** After a batch counts as durable, on the writer thread (e.g. to compact a file). */
        default void afterDurable() {}
    }

    private final String name;
    private final BatchWriter<T> target;
    private final Object lock = new Object();
    private final DurableMark durable;
    private final Thread writer;
    private final AtomicLong enqueued;
    private List<T> filling = new ArrayList<>();
    private List<T> spare = new ArrayList<>();
    private boolean closing;

    /**
     * Starts the writer thread.
     *
     * @param name what is written, for the thread's name and the log (e.g. {@code sequence-journal})
     * @param initial the number of the last record already durable (0 for none); appends continue from it
     */
    public GroupCommit(String name, long initial, BatchWriter<T> target) {
        this.name = name;
        this.target = target;
        this.enqueued = new AtomicLong(initial);
        this.durable = new DurableMark(initial);
        writer = new Thread(this::writeLoop, name + "-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a record; it is durable once {@link #isDurable} holds for the returned number. */
    public long append(T record) {
        return append(number -> record);
    }

    /** Queues the record made for the number it gets (in the order queued), and returns that number. */
    public long append(LongFunction<T> numbered) {
        synchronized (lock) {
            long number = enqueued.incrementAndGet();
            filling.add(numbered.apply(number));
            if (filling.size() == 1) {
                lock.notifyAll();
            }
            return number;
        }
    }

    /** The number {@link #append} returned last. */
    public long lastEnqueued() {
        return enqueued.get();
    }

    public boolean isDurable(long number) {
        return durable.isDurable(number);
    }

    /** Completes when every record up to {@code number} is durable. */
    public CompletableFuture<Void> durable(long number) {
        return durable.when(number);
    }

    /** The number of the newest durable record. */
    public long lastDurable() {
        return durable.get();
    }

    private void writeLoop() {
        try {
            while (true) {
                List<T> batch;
                long last;
                synchronized (lock) {
                    while (filling.isEmpty()) {
                        if (closing) {
                            return;
                        }
                        lock.wait();
                    }
                    batch = filling;
                    filling = spare;
                    spare = batch;
                    last = enqueued.get();
                }
                if (!writeUntilDone(batch)) {
                    giveUp(batch);
                    return;
                }
                batch.clear();
                durable.advance(last);
                target.afterDurable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the batch is written; false when it failed while stopping. */
    private boolean writeUntilDone(List<T> batch) throws InterruptedException {
        while (true) {
            try {
                target.write(batch);
                return true;
            } catch (IOException e) {
                target.failed(batch, e);
            }
            synchronized (lock) {
                long until = System.nanoTime() + RETRY_NANOS;
                for (long left = RETRY_NANOS; left > 0 && !closing; left = until - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
                if (closing) {
                    return false;
                }
            }
        }
    }

    private void giveUp(List<T> batch) {
        int left;
        synchronized (lock) {
            left = batch.size() + filling.size();
        }
        LOG.error(
                "stopping: {} record(s) of the {} were not written (never acknowledged as durable); giving up",
                left,
                name);
    }

    /** Writes what is queued (no retries once stopping), then stops the writer. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            writer.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
