package io.hashfence.agent.publish;

import io.hashfence.agent.outbox.Outbox;
import io.hashfence.protocol.SiteId;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry through a durable {@link Outbox}: every reading is stored first, whether connected or not, and
 * is sent from the outbox in order, never more in flight than the collector's Receive Maximum and never
 * faster than the replay rate. A message leaves the outbox only on its PUBACK. After a reconnect (or a
 * restart) sending resumes at the oldest unacknowledged message; the collector drops the duplicates this
 * may cause by (site, rig, seq).
 */
final class DurableQueue implements Outbound {
    private static final Logger log = LoggerFactory.getLogger(DurableQueue.class);
    private static final int AT_LEAST_ONCE = 1;
    private static final int READ_BATCH = 64;

    private final SiteId site;
    private final MqttAsyncClient client;
    private final Outbox outbox;
    private final PublishCounters counters;
    private final RateLimiter rate;
    private final ScheduledExecutorService scheduler;

    private final Object lock = new Object();
    private InflightWindow window;
    private long nextToSend;
    private boolean pumpScheduled;
    private boolean backlogAnnounced;

    DurableQueue(
            SiteId site,
            MqttAsyncClient client,
            Outbox outbox,
            PublishCounters counters,
            RateLimiter rate,
            ScheduledExecutorService scheduler) {
        this.site = site;
        this.client = client;
        this.outbox = outbox;
        this.counters = counters;
        this.rate = rate;
        this.scheduler = scheduler;
        scheduler.scheduleWithFixedDelay(outbox::flush, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void open(int receiveMaximum, String statusTopic, byte[] status) {
        synchronized (lock) {
            window = new InflightWindow(receiveMaximum);
            nextToSend = outbox.firstUndelivered();
            window.free--;
            try {
                client.publish(statusTopic, status, AT_LEAST_ONCE, false, null, window);
            } catch (MqttException e) {
                window.free++;
                log.debug("{}: status refused by the client: {}", site, e.toString());
            }
            long backlog = outbox.end() - nextToSend;
            backlogAnnounced = backlog > 0;
            if (backlogAnnounced) {
                log.info("{}: sending {} stored samples, at most {}/s", site, backlog, rate.perSecond());
            }
            pump();
        }
    }

    @Override
    public void shut() {
        synchronized (lock) {
            window = null;
            lock.notifyAll();
        }
    }

    @Override
    public boolean isOpen() {
        synchronized (lock) {
            return window != null;
        }
    }

    @Override
    public boolean keepsReadingsWhileDisconnected() {
        return true;
    }

    @Override
    public void publish(String topic, byte[] payload) {
        if (!outbox.add(topic, payload)) {
            counters.dropped(1);
            return;
        }
        synchronized (lock) {
            pump();
        }
    }

    @Override
    public void skip(int readings) {
        counters.skipped(readings);
    }

    @Override
    public void awaitDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (window != null && !(window.inflight.isEmpty() && nextToSend >= outbox.end())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        shut();
        outbox.close();
    }

    /** Sends stored messages while slots and rate allow. Caller holds the lock. */
    private void pump() {
        while (window != null && window.free > 0) {
            long available = outbox.end() - nextToSend;
            if (available <= 0) {
                if (backlogAnnounced && window.inflight.isEmpty()) {
                    backlogAnnounced = false;
                    log.info("{}: stored samples all delivered", site);
                }
                return;
            }
            int batch = (int) Math.min(Math.min(READ_BATCH, window.free), available);
            int permitted = rate.acquireUpTo(batch);
            if (permitted == 0) {
                schedulePump(rate.nanosUntilNextPermit());
                return;
            }
            List<Outbox.Message> messages = outbox.read(nextToSend, permitted);
            if (messages.isEmpty()) {
                nextToSend = outbox.end();
                return;
            }
            for (Outbox.Message message : messages) {
                if (!send(message)) {
                    return;
                }
                nextToSend = message.index() + 1;
            }
        }
    }

    private void schedulePump(long delayNanos) {
        if (pumpScheduled) {
            return;
        }
        pumpScheduled = true;
        scheduler.schedule(
                () -> {
                    synchronized (lock) {
                        pumpScheduled = false;
                        pump();
                    }
                },
                Math.max(1, delayNanos),
                TimeUnit.NANOSECONDS);
    }

    /** Publishes at QoS 1 in a free slot of the current window. Caller holds the lock. */
    private boolean send(Outbox.Message message) {
        window.free--;
        window.inflight.add(message.index());
        try {
            client.publish(message.topic(), message.payload(), AT_LEAST_ONCE, false, message.index(), window);
            counters.sent();
            return true;
        } catch (MqttException e) {
            window.free++;
            window.inflight.remove(message.index());
            log.debug("{}: publish refused by the client: {}", site, e.toString());
            return false;
        }
    }

    /** The in-flight slots and messages of one connection; completions of an old connection's messages change nothing. */
    private final class InflightWindow implements MqttActionListener {
        private int free;
        private final TreeSet<Long> inflight = new TreeSet<>();

        InflightWindow(int size) {
            this.free = size;
        }

        @Override
        public void onSuccess(IMqttToken delivery) {
            int refusal = PubAck.refusal(delivery);
            if (!(delivery.getUserContext() instanceof Long index)) {
                released();
                return;
            }
            if (refusal >= 0) {
                // Sending a message the collector refused again cannot help: it leaves the outbox, counted.
                log.warn(
                        "{}: collector refused stored sample {} with reason code 0x{}",
                        site,
                        index,
                        Integer.toHexString(refusal));
                counters.failed();
            } else {
                counters.acknowledged();
            }
            synchronized (lock) {
                if (window != this) {
                    return;
                }
                inflight.remove(index);
                outbox.acknowledge(inflight.isEmpty() ? nextToSend : inflight.first());
                free++;
                pump();
                lock.notifyAll();
            }
        }

        @Override
        public void onFailure(IMqttToken delivery, Throwable cause) {
            // The message stays in the outbox and is sent again after the reconnect.
            released();
        }

        private void released() {
            synchronized (lock) {
                if (window == this) {
                    free++;
                    pump();
                }
            }
        }
    }
}
