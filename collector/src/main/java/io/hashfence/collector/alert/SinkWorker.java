package io.hashfence.collector.alert;

import io.hashfence.collector.alert.NotificationMetrics.Outcome;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One sink's queue and delivery thread, with retries and exponential backoff. */
final class SinkWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);
    private static final int QUEUE_CAPACITY = 10_000;
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long DRAIN_NANOS = 3_000_000_000L;

    private final AlertSink sink;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final CounterDataPoint sent;
    private final CounterDataPoint failed;
    private final CounterDataPoint dropped;
    private final Thread thread;

    SinkWorker(AlertSink sink, NotificationMetrics metrics) {
        this.sink = sink;
        this.sent = metrics.counter(sink.name(), Outcome.SENT);
        this.failed = metrics.counter(sink.name(), Outcome.FAILED);
        this.dropped = metrics.counter(sink.name(), Outcome.DROPPED);
        this.thread = new Thread(this::run, "alert-sink-" + sink.name());
        thread.setDaemon(true);
        thread.start();
    }

    AlertSink sink() {
        return sink;
    }

    void enqueue(Notification notification) {
        offer(() -> deliverWithRetries(notification));
    }

    void enqueueReminder(List<Alert> firing) {
        offer(() -> {
            try {
                sink.remind(firing);
            } catch (Exception e) {
                LOG.warn("re-sending {} firing alert(s) to {} failed: {}", firing.size(), sink.name(), e.getMessage());
            }
        });
    }

    private void offer(Runnable task) {
        if (!queue.offer(task)) {
            dropped.inc();
            LOG.error("{} sink queue is full ({} waiting); a notification was dropped", sink.name(), QUEUE_CAPACITY);
        }
    }

    private void deliverWithRetries(Notification notification) {
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                sink.deliver(notification);
                sent.inc();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (attempt >= sink.attempts()) {
                    failed.inc();
                    LOG.error(
                            "{} notification {} to {} failed after {} attempt(s): {}",
                            notification.transition().label(),
                            notification.id(),
                            sink.name(),
                            attempt,
                            e.getMessage());
                    return;
                }
                LOG.warn(
                        "{} notification {} to {} failed (attempt {} of {}), retrying in {} ms: {}",
                        notification.transition().label(),
                        notification.id(),
                        sink.name(),
                        attempt,
                        sink.attempts(),
                        backoff,
                        e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                queue.take().run();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Gives queued notifications a few seconds to go out, then stops. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        thread.interrupt();
    }
}
