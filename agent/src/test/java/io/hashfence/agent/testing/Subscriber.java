package io.hashfence.agent.testing;

import io.hashfence.testing.Await;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho client that records everything published under {@code hashfence/v1/}, as the {@link Mosquitto#OBSERVER}. */
public final class Subscriber implements AutoCloseable {
    /** How long one client action (a connect, a subscribe) may take before it fails. */
    private static final long ACTION_WAIT_MILLIS = 10_000;

    private final MqttClient client;
    private final MqttConnectionOptions options;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    public record Received(String topic, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private Subscriber(MqttClient client, MqttConnectionOptions options) {
        this.client = client;
        this.options = options;
    }

    /** A subscriber for as long as it stays connected (QoS 0). */
    public static Subscriber connect(Mosquitto broker) throws MqttException {
        return connect(broker, false);
    }

    /**
     * A subscriber whose session (QoS 1) outlives broker restarts, so that it misses nothing published while
     * it was cut off; call {@link #reconnect()} after the broker is back.
     */
    public static Subscriber durable(Mosquitto broker) throws MqttException {
        return connect(broker, true);
    }

    private static Subscriber connect(Mosquitto broker, boolean durable) throws MqttException {
        MqttClient client = new MqttClient(broker.url(), "observer-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(Mosquitto.OBSERVER);
        options.setPassword(Mosquitto.OBSERVER_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(!durable);
        if (durable) {
            options.setSessionExpiryInterval(3600L);
        }
        client.setTimeToWait(ACTION_WAIT_MILLIS);
        Subscriber subscriber = new Subscriber(client, options);
        client.setCallback(subscriber.new Recorder());
        client.connect(options);
        client.subscribe("hashfence/v1/#", durable ? 1 : 0);
        return subscriber;
    }

    /**
     * Connects again once the broker is back. Each attempt waits at most {@link #ACTION_WAIT_MILLIS} (a connect
     * made while the broker was coming up once hung for a minute and a half on a loaded machine, then failed), and
     * attempts are repeated until one succeeds.
     */
    public void reconnect() throws InterruptedException {
        Await.until("the subscriber is connected again", () -> {
            if (!client.isConnected()) {
                client.connect(options);
            }
            return client.isConnected();
        });
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } finally {
            client.close(true);
        }
    }

    private final class Recorder implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(topic, message.getPayload()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
