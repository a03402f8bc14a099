package io.hashfence.agent.publish;

import io.hashfence.agent.config.MqttSettings;
import io.hashfence.agent.config.SiteCredentials;
import io.hashfence.agent.outbox.Outbox;
import io.hashfence.protocol.AgentState;
import io.hashfence.protocol.Durations;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.SiteStatus;
import io.hashfence.protocol.SiteStatusCodec;
import io.hashfence.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site's MQTT v5 connection to the collector. Connects with the site's credentials, clean start and
 * an {@code offline} Will, announces {@code online} after every connect, and reconnects with jittered
 * exponential backoff, also when the very first attempt fails (Paho's automatic reconnect only covers
 * connections that once succeeded). Telemetry goes through an {@link OutboundQueue} (memory only, readings
 * skipped while disconnected) or, with an {@link Outbox}, a {@link DurableQueue}.
 */
public final class SiteConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SiteConnection.class);
    private static final int AT_LEAST_ONCE = 1;
    private static final int MQTT_DEFAULT_RECEIVE_MAXIMUM = 65_535;
    private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(3);

    private final SiteId site;
    private final String token;
    private final MqttSettings settings;
    private final String statusTopic;
    private final String agentVersion;
    private final Clock clock;
    private final SiteStatusCodec statusCodec = new SiteStatusCodec();
    private final ScheduledExecutorService scheduler;
    private final MqttAsyncClient client;
    private final Outbound queue;

    private final Object lock = new Object();
    private final ReconnectDelays delays;
    private ScheduledFuture<?> pendingReconnect;
    private boolean everConnected;
    private boolean closed;

    /**
     * @param mqttExecutor the MQTT client's threads; may be shared by many connections
     * @param scheduler runs reconnect attempts
     * @param backlogCapacity readings that may wait for a free in-flight slot
     */
    public SiteConnection(
            SiteCredentials credentials,
            String clientId,
            MqttSettings settings,
            String agentVersion,
            Clock clock,
            ScheduledExecutorService mqttExecutor,
            ScheduledExecutorService scheduler,
            PublishCounters counters,
            int backlogCapacity) {
        this(
                credentials,
                clientId,
                settings,
                agentVersion,
                clock,
                mqttExecutor,
                scheduler,
                client -> new OutboundQueue(credentials.site(), client, counters, backlogCapacity));
    }

    /**
     * A connection whose telemetry goes through a durable outbox, sent at most {@code replayPerSecond}
     * messages a second.
     */
    public static SiteConnection durable(
            SiteCredentials credentials,
            String clientId,
            MqttSettings settings,
            String agentVersion,
            Clock clock,
            ScheduledExecutorService mqttExecutor,
            ScheduledExecutorService scheduler,
            PublishCounters counters,
            Outbox outbox,
            int replayPerSecond) {
        RateLimiter rate = new RateLimiter(replayPerSecond, System::nanoTime);
        return new SiteConnection(
                credentials,
                clientId,
                settings,
                agentVersion,
                clock,
                mqttExecutor,
                scheduler,
                client -> new DurableQueue(credentials.site(), client, outbox, counters, rate, scheduler));
    }

    private SiteConnection(
            SiteCredentials credentials,
            String clientId,
            MqttSettings settings,
            String agentVersion,
            Clock clock,
            ScheduledExecutorService mqttExecutor,
            ScheduledExecutorService scheduler,
            Function<MqttAsyncClient, Outbound> queueFactory) {
        this.site = credentials.site();
        this.token = credentials.token();
        this.settings = settings;
        this.statusTopic = new Topic.Status(site).name();
        this.agentVersion = agentVersion;
        this.clock = clock;
        this.scheduler = scheduler;
        this.delays = new ReconnectDelays(
                settings.reconnectBackoff(), () -> ThreadLocalRandom.current().nextDouble());
        try {
            this.client =
                    new MqttAsyncClient(settings.collector(), clientId, new MemoryPersistence(), null, mqttExecutor);
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create MQTT client for " + settings.collector() + ": " + e, e);
        }
        this.queue = queueFactory.apply(client);
        client.setCallback(new ConnectionEvents());
    }

    public SiteId site() {
        return site;
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        connect();
    }

    public boolean isConnected() {
        return queue.isOpen();
    }

    /** Whether readings should be taken now: the connection is up, or the outbox keeps them until it is. */
    public boolean acceptsReadings() {
        return queue.keepsReadingsWhileDisconnected() || queue.isOpen();
    }

    /** Queues one telemetry message for QoS 1 delivery, or counts it as skipped while disconnected. */
    public void publish(String topic, byte[] payload) {
        queue.publish(topic, payload);
    }

    /** Counts readings not taken because the site is disconnected. */
    public void skip(int readings) {
        queue.skip(readings);
    }

    /** Says {@code offline}, disconnects cleanly (so the broker discards the Will) and releases the client. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
            }
        }
        try {
            queue.awaitDelivered(GOODBYE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.shut();
        try {
            if (client.isConnected()) {
                client.publish(statusTopic, statusPayload(AgentState.OFFLINE), AT_LEAST_ONCE, false)
                        .waitForCompletion(GOODBYE_TIMEOUT.toMillis());
                client.disconnect(GOODBYE_TIMEOUT.toMillis()).waitForCompletion(GOODBYE_TIMEOUT.toMillis());
            }
        } catch (MqttException e) {
            log.debug("{}: goodbye not delivered: {}", site, e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("{}: closing the MQTT client: {}", site, e.toString());
        }
        queue.close();
    }

    private void connect() {
        synchronized (lock) {
            pendingReconnect = null;
            if (closed) {
                return;
            }
        }
        try {
            client.connect(connectOptions(), null, new ConnectOutcome());
        } catch (MqttException e) {
            connectFailed(e);
        }
    }

    private MqttConnectionOptions connectOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(site.value());
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout((int) settings.connectTimeout().toSeconds());
        options.setAutomaticReconnect(false);
        if (settings.usesTls()) {
            options.setSocketFactory(TlsSocketFactory.of(settings.tls()));
            options.setHttpsHostnameVerificationEnabled(true);
        } else if (settings.proxySource() != null) {
            options.setSocketFactory(new ProxyProtocolSocketFactory(settings.proxySource()));
        }
        MqttMessage will = new MqttMessage(statusPayload(AgentState.OFFLINE));
        will.setQos(AT_LEAST_ONCE);
        will.setRetained(false);
        options.setWill(statusTopic, will);
        return options;
    }

    private byte[] statusPayload(AgentState state) {
        return statusCodec.encode(new SiteStatus(site, state, clock.instant(), agentVersion));
    }

    private void connected(IMqttToken connectToken) {
        MqttProperties granted = connectToken.getResponseProperties();
        Integer receiveMaximum = granted == null ? null : granted.getReceiveMaximum();
        int inflightLimit = receiveMaximum == null ? MQTT_DEFAULT_RECEIVE_MAXIMUM : receiveMaximum;
        boolean reconnected;
        synchronized (lock) {
            if (closed) {
                return;
            }
            delays.reset();
            reconnected = everConnected;
            everConnected = true;
        }
        log.info(
                "{}: {} {} (receive maximum {})",
                site,
                reconnected ? "reconnected to" : "connected to",
                settings.collector(),
                inflightLimit);
        queue.open(inflightLimit, statusTopic, statusPayload(AgentState.ONLINE));
    }

    private void connectFailed(Throwable cause) {
        Duration delay = scheduleReconnect();
        if (delay != null) {
            log.warn(
                    "{}: cannot connect to {}: {}; retrying in {}",
                    site,
                    settings.collector(),
                    describe(cause),
                    Durations.format(delay));
        }
    }

    private void connectionLost(MqttDisconnectResponse response) {
        queue.shut();
        Duration delay = scheduleReconnect();
        if (delay != null) {
            String reason = response.getException() != null
                    ? describe(response.getException())
                    : "collector disconnected with reason code " + response.getReturnCode();
            log.warn(
                    "{}: connection to {} lost: {}; reconnecting in {}",
                    site,
                    settings.collector(),
                    reason,
                    Durations.format(delay));
        }
    }

    /** Schedules one reconnect attempt unless closed or one is pending; answers its delay, or null. */
    private Duration scheduleReconnect() {
        synchronized (lock) {
            if (closed || pendingReconnect != null) {
                return null;
            }
            Duration delay = delays.next();
            pendingReconnect = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
            return delay;
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof MqttException mqtt && mqtt.getCause() != null) {
            return mqtt.getMessage() + " (" + describe(mqtt.getCause()) + ")";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private final class ConnectOutcome implements MqttActionListener {
        @Override
        public void onSuccess(IMqttToken connectToken) {
            connected(connectToken);
        }

        @Override
        public void onFailure(IMqttToken connectToken, Throwable cause) {
            connectFailed(cause);
        }
    }

    private final class ConnectionEvents implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            connectionLost(response);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("{}: MQTT protocol error: {}", site, describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // The agent subscribes to nothing yet.
        }

        @Override
        public void deliveryComplete(IMqttToken delivery) {
            // Completions are counted per message by the queue.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Handled by ConnectOutcome, which also sees the CONNACK properties.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication: the site token is the password.
        }
    }
}
