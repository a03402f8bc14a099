package io.hashfence.collector.alert;

import io.hashfence.collector.alert.NotificationMetrics.Outcome;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.fleet.RigKey;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each alert transition to every sink, through one bounded queue and worker per sink, so that a
 * slow or failing receiver never blocks ingest or the other sinks. Applies the per-rig notification
 * limit. Counts {@code hashfence_alert_notifications_total{sink,outcome}}.
 */
public final class Notifier implements Consumer<Notification>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final Duration WINDOW = Duration.ofHours(1);

    private final List<SinkWorker> workers = new ArrayList<>();
    private final int perRigLimit;
    private final Clock clock;
    private final Map<RigKey, Deque<Instant>> recent = new ConcurrentHashMap<>();
    private final Map<String, CounterDataPoint> rateLimited = new ConcurrentHashMap<>();

    public Notifier(List<AlertSink> sinks, AlertConfig config, NotificationMetrics metrics, Clock clock) {
        this.perRigLimit = config.maxNotificationsPerRigPerHour();
        this.clock = clock;
        for (AlertSink sink : sinks) {
            workers.add(new SinkWorker(sink, metrics));
            rateLimited.put(sink.name(), metrics.counter(sink.name(), Outcome.RATE_LIMITED));
        }
    }

    /**
     * Resolutions and critical firings always go out, and every transition reaches the log; the per-rig
     * limit only holds back the rest (a flapping or wandering rig), so it cannot hide what matters most.
     */
    @Override
    public void accept(Notification notification) {
        boolean mustDeliver = notification.transition() == AlertStatus.RESOLVED
                || notification.alert().severity() == Severity.CRITICAL;
        boolean allowed = withinRigLimit(notification.alert().rig()) || mustDeliver;
        for (SinkWorker worker : workers) {
            if (allowed || worker.sink() instanceof LogSink) {
                worker.enqueue(notification);
            } else {
                rateLimited.get(worker.sink().name()).inc();
            }
        }
        if (!allowed) {
            LOG.warn(
                    "held back {} notification for {}: more than {} notifications for this rig in the last hour",
                    notification.transition().label(),
                    notification.alert().rig(),
                    perRigLimit);
        }
    }

    /** Re-sends the firing alerts to the sinks that expire alerts they do not hear about. */
    public void remind(List<Alert> firing) {
        workers.stream().filter(w -> w.sink().wantsReminders()).forEach(w -> w.enqueueReminder(firing));
    }

    private boolean withinRigLimit(RigKey rig) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(rig, r -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.removeFirst();
            }
            if (times.size() >= perRigLimit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    @Override
    public void close() {
        workers.forEach(SinkWorker::close);
    }
}
