package io.hashfence.collector;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic jobs on one daemon thread of their own, run one at a time. A job that throws is logged by name
 * and runs again at its next turn.
 */
public final class ScheduledJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    private final ScheduledExecutorService executor;

    public ScheduledJobs(String threadName) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the job every period, the first time one period from now. */
    public void every(Duration period, String what, Runnable job) {
        executor.scheduleWithFixedDelay(
                guarded(what, job), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the job now, then every period. */
    public void nowAndEvery(Duration period, String what, Runnable job) {
        executor.scheduleWithFixedDelay(guarded(what, job), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the job once, as soon as the thread is free, so that it never overlaps another job. */
    public void once(String what, Runnable job) {
        executor.execute(guarded(what, job));
    }

    private static Runnable guarded(String what, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.error("{} failed", what, e);
            }
        };
    }

    /**
     * Interrupts a running job and runs no more: for jobs that only wait on the network, which are not worth
     * waiting for when the collector stops (an interrupted wait for a pooled connection fails at once).
     */
    public void interruptAndClose() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets a running job finish (for up to five seconds) and runs no more. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
