package io.hashfence.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.testing.Await;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Jobs run on their one named thread, a job that throws runs again at its next turn, and a job that waits is
 * interrupted when asked.
 */
class ScheduledJobsTest {

    @Test
    void aJobThatThrowsRunsAgainAtItsNextTurn() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (ScheduledJobs jobs = new ScheduledJobs("test-jobs")) {
            jobs.every(Duration.ofMillis(20), "failing job", () -> {
                runs.incrementAndGet();
                throw new IllegalStateException("fails every time");
            });
            Await.until("the job ran again after failing", () -> runs.get() >= 3);
        }
    }

    @Test
    void everyKindOfJobRunsOnTheNamedThread() throws Exception {
        Map<String, String> threads = new ConcurrentHashMap<>();
        try (ScheduledJobs jobs = new ScheduledJobs("test-jobs")) {
            jobs.nowAndEvery(
                    Duration.ofHours(1),
                    "now",
                    () -> threads.put("now", Thread.currentThread().getName()));
            jobs.once("once", () -> threads.put("once", Thread.currentThread().getName()));
            jobs.every(
                    Duration.ofMillis(10),
                    "every",
                    () -> threads.put("every", Thread.currentThread().getName()));
            Await.until("all three ran", () -> threads.size() == 3);
        }
        assertThat(threads)
                .containsOnly(
                        Map.entry("now", "test-jobs"), Map.entry("once", "test-jobs"), Map.entry("every", "test-jobs"));
    }

    @Test
    void interruptAndCloseEndsAJobThatWaits() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        ScheduledJobs jobs = new ScheduledJobs("test-jobs");
        jobs.once("waiting job", () -> {
            waiting.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        waiting.await();
        jobs.interruptAndClose();
        assertThat(interrupted)
                .as("the job's wait was interrupted, and close returned")
                .isTrue();
    }
}
