package io.hashfence.collector.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Threads, one per core, that write and compress the parts of one large answer side by side, so that a single
 * scrape of a rig shard uses every core instead of the one event loop its connection happens to be on.
 */
public final class ScrapeWorkers implements AutoCloseable {
    private final ExecutorService pool;
    private final int threads;

    public ScrapeWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        AtomicInteger named = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "scrape-worker-" + named.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One thread per core the JVM may use. */
    public static ScrapeWorkers perCore() {
        return new ScrapeWorkers(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs the tasks side by side and waits for all of them; their results in the order of the tasks. When one
     * fails, the results of those that did not are handed to {@code discard} (to release what they hold) and the
     * failure is thrown.
     */
    <T> List<T> runAll(List<Callable<T>> tasks, Consumer<T> discard) {
        List<Future<T>> running = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            running.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>(tasks.size());
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<T> future : running) {
            while (true) {
                try {
                    results.add(future.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException runtime
                                ? runtime
                                : new IllegalStateException(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            results.forEach(discard);
            throw failure;
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
