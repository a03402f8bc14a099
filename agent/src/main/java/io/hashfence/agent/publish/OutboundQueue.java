package io.hashfence.agent.publish;

import io.hashfence.protocol.SiteId;
import java.util.ArrayDeque;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QoS 1 messages of one site connection: never more in flight than the collector's Receive Maximum,
 * so that the MQTT client never refuses a publish as "too many publishes in progress". Telemetry waiting
 * for a slot sits in a bounded backlog whose oldest entries give way to newer readings. While the
 * connection is down the queue is shut, and readings are counted as skipped.
 */
final class OutboundQueue implements Outbound {
    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);
    private static final int AT_LEAST_ONCE = 1;

    private final SiteId site;
    private final MqttAsyncClient client;
    private final PublishCounters counters;
    private final int backlogCapacity;

    private final Object lock = new Object();
    private final ArrayDeque<Outgoing> backlog = new ArrayDeque<>();
    private InflightWindow window;
    private long skippedWhileShut;

    private record Outgoing(String topic, byte[] payload) {}

    private enum MessageKind {
        TELEMETRY,
        STATUS
    }

    OutboundQueue(SiteId site, MqttAsyncClient client, PublishCounters counters, int backlogCapacity) {
        this.site = site;
        this.client = client;
        this.counters = counters;
        this.backlogCapacity = backlogCapacity;
    }

    /** Opens the queue for a new connection and logs how many readings were skipped while it was shut. */
    @Override
    public void open(int receiveMaximum, String statusTopic, byte[] status) {
        long skipped;
        synchronized (lock) {
            window = new InflightWindow(receiveMaximum);
            send(statusTopic, status, MessageKind.STATUS);
            drain();
            skipped = skippedWhileShut;
            skippedWhileShut = 0;
        }
        if (skipped > 0) {
            log.info("{}: skipped {} readings while disconnected", site, skipped);
        }
    }

    /** The connection is gone: waiting telemetry is dropped and new readings are skipped until {@link #open}. */
    @Override
    public void shut() {
        int unsent;
        synchronized (lock) {
            window = null;
            unsent = backlog.size();
            backlog.clear();
        }
        counters.dropped(unsent);
    }

    @Override
    public boolean isOpen() {
        synchronized (lock) {
            return window != null;
        }
    }

    @Override
    public boolean keepsReadingsWhileDisconnected() {
        return false;
    }

    @Override
    public void publish(String topic, byte[] payload) {
        synchronized (lock) {
            if (window == null) {
                skip(1);
                return;
            }
            if (backlog.size() >= backlogCapacity) {
                backlog.pollFirst();
                counters.dropped(1);
            }
            backlog.addLast(new Outgoing(topic, payload));
            drain();
        }
    }

    @Override
    public void skip(int readings) {
        synchronized (lock) {
            skippedWhileShut += readings;
        }
        counters.skipped(readings);
    }

    /** Readings in memory are not worth holding up a stop for: they are lost with the process anyway. */
    @Override
    public void awaitDelivered(java.time.Duration timeout) {}

    @Override
    public void close() {
        shut();
    }

    /** Hands waiting telemetry to the client while slots are free. Caller holds the lock. */
    private void drain() {
        while (window != null && window.free > 0 && !backlog.isEmpty()) {
            Outgoing next = backlog.pollFirst();
            if (!send(next.topic(), next.payload(), MessageKind.TELEMETRY)) {
                return;
            }
        }
    }

    /** Publishes at QoS 1 in a free slot of the current window. Caller holds the lock. */
    private boolean send(String topic, byte[] payload, MessageKind kind) {
        window.free--;
        try {
            client.publish(topic, payload, AT_LEAST_ONCE, false, kind, window);
            if (kind == MessageKind.TELEMETRY) {
                counters.sent();
            }
            return true;
        } catch (MqttException e) {
            window.free++;
            if (kind == MessageKind.TELEMETRY) {
                counters.failed();
            }
            log.debug("{}: publish refused by the client: {}", site, e.toString());
            return false;
        }
    }

    /**
     * The in-flight slots of one connection. Each connection gets a new window: completions of an old
     * one's messages, if they ever come, change nothing.
     */
    private final class InflightWindow implements MqttActionListener {
        private int free;

        InflightWindow(int size) {
            this.free = size;
        }

        @Override
        public void onSuccess(IMqttToken delivery) {
            int refusal = PubAck.refusal(delivery);
            if (refusal >= 0) {
                log.debug("{}: collector refused a message with reason code {}", site, refusal);
            }
            completed(delivery, refusal >= 0);
        }

        @Override
        public void onFailure(IMqttToken delivery, Throwable cause) {
            completed(delivery, true);
        }

        private void completed(IMqttToken delivery, boolean failed) {
            if (delivery.getUserContext() == MessageKind.TELEMETRY) {
                if (failed) {
                    counters.failed();
                } else {
                    counters.acknowledged();
                }
            }
            synchronized (lock) {
                if (window == this) {
                    free++;
                    drain();
                }
            }
        }
    }
}
