package io.hashfence.agent.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.config.SimulationSettings;
import io.hashfence.agent.simulate.FleetGenerator;
import io.hashfence.agent.simulate.SimulatedFleet;
import io.hashfence.protocol.AgentState;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.Examples;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.SiteStatus;
import io.hashfence.protocol.SiteStatusCodec;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's encoder writes exactly the bytes of the protocol's codecs. */
class WireEncoderTest {
    private static final TelemetryCodec CODEC = new TelemetryCodec(Clock.systemUTC());
    private static final Instant TIME = Instant.parse("2026-11-26T12:00:00.123Z");

    @Test
    void telemetryOfTheProtocolExamples() {
        for (String example : Examples.TELEMETRY) {
            Telemetry telemetry = ((Decoded.Valid<Telemetry>) CODEC.decode(Examples.bytes(example))).value();
            assertThat(WireEncoder.telemetry(telemetry)).as(example).isEqualTo(CODEC.encode(telemetry));
        }
    }

    @Test
    void telemetryOfASimulatedFleet() {
        List<Telemetry> messages = new ArrayList<>();
        SimulatedFleet.of(FleetGenerator.generate(new SimulationSettings(300, 7, 0.05))).read(TIME, reading ->
                messages.add(new Telemetry(SiteId.of("site-a"), reading.rig(), TIME, messages.size(), reading.miner(),
                        reading.hashrate(), reading.power(), reading.temperatures(), reading.fans(), reading.pools(),
                        reading.location(), messages.size() % 2 == 0 ? Duration.ofMillis(10_500) : null)));
        assertThat(messages).hasSize(300);
        for (Telemetry telemetry : messages) {
            assertThat(WireEncoder.telemetry(telemetry)).as(telemetry.rig().value()).isEqualTo(CODEC.encode(telemetry));
        }
    }

    @Test
    void siteStatus() {
        SiteStatusCodec codec = new SiteStatusCodec();
        for (SiteStatus status : List.of(new SiteStatus(SiteId.of("site-a"), AgentState.ONLINE, TIME, "0.1.0"),
                new SiteStatus(SiteId.of("site-a"), AgentState.OFFLINE, TIME, null))) {
            assertThat(WireEncoder.status(status)).isEqualTo(codec.encode(status));
        }
    }
}
