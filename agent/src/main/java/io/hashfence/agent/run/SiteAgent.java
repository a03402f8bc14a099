package io.hashfence.agent.run;

import io.hashfence.agent.publish.SiteConnection;
import io.hashfence.agent.source.RigReading;
import io.hashfence.agent.source.RigSource;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import io.hashfence.protocol.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site's publish loop: each tick reads every rig of the source and publishes one telemetry message per
 * rig, stamped with the site, the time, the interval and the rig's next sequence number. Ticks must not
 * overlap, which a fixed-rate schedule guarantees.
 */
final class SiteAgent {
    private static final Logger log = LoggerFactory.getLogger(SiteAgent.class);

    private final SiteId site;
    private final SiteConnection connection;
    private final RigSource source;
    private final Duration interval;
    private final long firstSequence;
    private final Clock clock;
    private final TelemetryCodec codec;
    private final Map<RigId, RigChannel> channels = new HashMap<>();

    /** A rig's topic, built once, and its next sequence number. */
    private static final class RigChannel {
        private final String topic;
        private long nextSequence;

        RigChannel(String topic, long firstSequence) {
            this.topic = topic;
            this.nextSequence = firstSequence;
        }
    }

    /** @param firstSequence every rig's first sequence number; the agent's start time in epoch milliseconds keeps restarts ahead of earlier runs */
    SiteAgent(SiteConnection connection, RigSource source, Duration interval, long firstSequence, Clock clock) {
        this.site = connection.site();
        this.connection = connection;
        this.source = source;
        this.interval = interval;
        this.firstSequence = firstSequence;
        this.clock = clock;
        this.codec = new TelemetryCodec(clock);
    }

    void tick() {
        if (!connection.acceptsReadings()) {
            connection.skip(source.rigCount());
            return;
        }
        Instant time = clock.instant();
        try {
            source.read(time, reading -> publish(reading, time));
        } catch (RuntimeException e) {
            log.warn("{}: reading rigs failed: {}", site, e.toString(), e);
        }
    }

    private void publish(RigReading reading, Instant time) {
        RigChannel channel = channels.computeIfAbsent(
                reading.rig(), rig -> new RigChannel(new Topic.Telemetry(site, rig).name(), firstSequence));
        Telemetry telemetry = new Telemetry(
                site,
                reading.rig(),
                time,
                channel.nextSequence++,
                reading.miner(),
                reading.hashrate(),
                reading.power(),
                reading.temperatures(),
                reading.fans(),
                reading.pools(),
                reading.location(),
                interval);
        connection.publish(channel.topic, codec.encode(telemetry));
    }
}
