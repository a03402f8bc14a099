package io.hashfence.agent.testing;

import io.hashfence.protocol.AgentState;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.SiteStatus;
import io.hashfence.protocol.SiteStatusCodec;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import io.hashfence.protocol.Topic;
import java.time.Clock;
import java.util.List;

/** Reads what a {@link Subscriber} recorded through the protocol's own codecs, failing on anything invalid. */
public final class Wire {
    private static final TelemetryCodec TELEMETRY = new TelemetryCodec(Clock.systemUTC());
    private static final SiteStatusCodec STATUS = new SiteStatusCodec();

    private Wire() {}

    public static List<Telemetry> telemetry(Subscriber subscriber, String site) {
        return subscriber
                .received(message -> Topic.parse(message.topic()).orElse(null) instanceof Topic.Telemetry topic
                        && topic.site().value().equals(site))
                .stream()
                .map(Wire::telemetry)
                .toList();
    }

    public static List<AgentState> states(Subscriber subscriber, String site) {
        return subscriber.received(message -> message.topic().equals("hashfence/v1/" + site + "/status")).stream()
                .map(Wire::status)
                .map(SiteStatus::state)
                .toList();
    }

    public static Telemetry telemetry(Subscriber.Received message) {
        Topic.Telemetry topic = (Topic.Telemetry) Topic.parse(message.topic()).orElseThrow();
        Decoded<Telemetry> decoded = TELEMETRY.decode(message.payload(), topic);
        if (decoded instanceof Decoded.Valid<Telemetry> valid) {
            return valid.value();
        }
        throw new AssertionError("invalid telemetry on " + message.topic() + ": " + decoded + "\n" + message.text());
    }

    public static SiteStatus status(Subscriber.Received message) {
        Decoded<SiteStatus> decoded = STATUS.decode(message.payload());
        if (decoded instanceof Decoded.Valid<SiteStatus> valid) {
            return valid.value();
        }
        throw new AssertionError("invalid status on " + message.topic() + ": " + decoded + "\n" + message.text());
    }
}
