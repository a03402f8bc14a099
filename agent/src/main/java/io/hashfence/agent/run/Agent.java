package io.hashfence.agent.run;

import io.hashfence.agent.config.MqttSettings;
import io.hashfence.agent.config.OutboxSettings;
import io.hashfence.agent.config.SiteCredentials;
import io.hashfence.agent.outbox.Outbox;
import io.hashfence.agent.publish.PublishCounters;
import io.hashfence.agent.publish.SiteConnection;
import io.hashfence.agent.source.RigSource;
import io.hashfence.protocol.Durations;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: one MQTT connection and one publish loop per site. All sites share two thread pools,
 * one for the MQTT clients and one for publish ticks and reconnects, so a simulator driving thousands of
 * rigs over many sites needs no thread per rig.
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    private static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    private static final Duration FIRST_TICK_GRACE = Duration.ofSeconds(1);
    /** Each Paho client keeps a receiver, a sender and a callback task running on its executor, plus short tasks. */
    private static final int MQTT_THREADS_PER_SITE = 4;

    private static final int MIN_BACKLOG = 64;

    private final List<SiteConnection> connections;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService mqttExecutor;
    private final PublishCounters counters;
    private final List<Outbox> outboxes = new CopyOnWriteArrayList<>();
    private PublishCounters.Snapshot lastSummary;
    private boolean closed;

    /**
     * A site to serve: its credentials, MQTT client id and where its rigs come from.
     *
     * @param proxySource the client address to name in a PROXY protocol header, or null for none (the
     *                    simulator's sites behind a load balancer)
     */
    public record Site(SiteCredentials credentials, String clientId, RigSource rigs, InetAddress proxySource) {
        public Site(SiteCredentials credentials, String clientId, RigSource rigs) {
            this(credentials, clientId, rigs, null);
        }
    }

    private Agent(
            List<SiteConnection> connections,
            ScheduledExecutorService scheduler,
            ScheduledExecutorService mqttExecutor,
            PublishCounters counters) {
        this.connections = connections;
        this.scheduler = scheduler;
        this.mqttExecutor = mqttExecutor;
        this.counters = counters;
        this.lastSummary = counters.snapshot();
    }

    /** Connects every site in the background and starts publishing each rig once per {@code interval}. */
    public static Agent start(List<Site> sites, Duration interval, MqttSettings mqtt, Clock clock) {
        return start(sites, interval, mqtt, Optional.empty(), clock);
    }

    /**
     * As {@link #start(List, Duration, MqttSettings, Clock)}, but with {@code outbox} present every site's
     * telemetry goes through a durable outbox in a directory of the site's name below it.
     */
    public static Agent start(
            List<Site> sites, Duration interval, MqttSettings mqtt, Optional<OutboxSettings> outbox, Clock clock) {
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(
                Math.max(2, Runtime.getRuntime().availableProcessors()), new DaemonThreads("hashfence-agent"));
        ScheduledExecutorService mqttExecutor = new ScheduledThreadPoolExecutor(
                MQTT_THREADS_PER_SITE * sites.size() + 2, new DaemonThreads("hashfence-mqtt"));
        PublishCounters counters = new PublishCounters();
        long firstSequence = clock.millis();
        String version = version();
        List<SiteConnection> connections = new ArrayList<>(sites.size());
        Agent agent = new Agent(connections, scheduler, mqttExecutor, counters);
        log.info(
                "hashfence-agent {} starting: {} rigs over {} site connection(s) to {}, publishing every {}",
                version,
                sites.stream().mapToInt(site -> site.rigs().rigCount()).sum(),
                sites.size(),
                mqtt.collector(),
                Durations.format(interval));
        for (int i = 0; i < sites.size(); i++) {
            Site site = sites.get(i);
            MqttSettings siteMqtt = site.proxySource() == null ? mqtt : mqtt.withProxySource(site.proxySource());
            SiteConnection connection = outbox.isPresent()
                    ? durableConnection(
                            site, outbox.get(), siteMqtt, version, clock, mqttExecutor, scheduler, counters, agent)
                    : new SiteConnection(
                            site.credentials(),
                            site.clientId(),
                            siteMqtt,
                            version,
                            clock,
                            mqttExecutor,
                            scheduler,
                            counters,
                            Math.max(MIN_BACKLOG, 2 * site.rigs().rigCount()));
            connections.add(connection);
            connection.start();
            SiteAgent siteAgent = new SiteAgent(connection, site.rigs(), interval, firstSequence, clock);
            long staggerMillis = interval.toMillis() * i / sites.size();
            scheduler.scheduleAtFixedRate(
                    siteAgent::tick,
                    FIRST_TICK_GRACE.toMillis() + staggerMillis,
                    interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleAtFixedRate(
                agent::logSummary, SUMMARY_INTERVAL.toMillis(), SUMMARY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return agent;
    }

    private static SiteConnection durableConnection(
            Site site,
            OutboxSettings settings,
            MqttSettings mqtt,
            String version,
            Clock clock,
            ScheduledExecutorService mqttExecutor,
            ScheduledExecutorService scheduler,
            PublishCounters counters,
            Agent agent) {
        Outbox outbox = Outbox.open(
                settings.directory().resolve(site.credentials().site().value()), settings.capacityBytes());
        agent.outboxes.add(outbox);
        return SiteConnection.durable(
                site.credentials(),
                site.clientId(),
                mqtt,
                version,
                clock,
                mqttExecutor,
                scheduler,
                counters,
                outbox,
                settings.replayPerSecond());
    }

    /** Stops publishing, tells the collector each site is going offline, and disconnects. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        awaitQuietly(scheduler);
        connections.forEach(SiteConnection::close);
        mqttExecutor.shutdownNow();
        PublishCounters.Snapshot total = counters.snapshot();
        log.info(
                "hashfence-agent stopped: sent {}, acknowledged {}, skipped {}, dropped {}, failed {}",
                total.sent(),
                total.acknowledged(),
                total.skipped(),
                total.dropped(),
                total.failed());
        for (Outbox outbox : outboxes) {
            Outbox.Counts counts = outbox.counts();
            log.info(
                    "outbox: stored {} samples this run, {} pending, {} dropped when full, {} write failures",
                    counts.added(),
                    counts.pending(),
                    counts.dropped(),
                    counts.writeFailures());
        }
    }

    private void logSummary() {
        PublishCounters.Snapshot now = counters.snapshot();
        PublishCounters.Snapshot delta = now.minus(lastSummary);
        lastSummary = now;
        long connected =
                connections.stream().filter(SiteConnection::isConnected).count();
        if (!delta.isEmpty() || connected < connections.size()) {
            long pending = outboxes.stream()
                    .mapToLong(outbox -> outbox.counts().pending())
                    .sum();
            log.info(
                    "last {}: sent {}, acknowledged {}, skipped {}, dropped {}, failed {}; {}/{} sites connected{}",
                    SUMMARY_INTERVAL.toMinutes() + "m",
                    delta.sent(),
                    delta.acknowledged(),
                    delta.skipped(),
                    delta.dropped(),
                    delta.failed(),
                    connected,
                    connections.size(),
                    outboxes.isEmpty() ? "" : "; " + pending + " samples in the outbox");
        }
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The version in the jar's manifest, or {@code dev} when running from classes. */
    public static String version() {
        String version = Agent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
