package io.hashfence.collector.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The collector's own MQTT and ingest metrics. Every outcome is registered up front, so it shows as 0. */
public final class IngestMetrics {
    private final Map<IngestOutcome, Counter> messages = new EnumMap<>(IngestOutcome.class);
    private final Map<ConnectResult, Counter> connects = new EnumMap<>(ConnectResult.class);
    private final Map<ProtocolError, Counter> protocolErrors = new EnumMap<>(ProtocolError.class);
    private final Map<ConnectionRefusal, Counter> refusals = new EnumMap<>(ConnectionRefusal.class);
    private final Counter takeovers;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final Timer processing;

    public IngestMetrics(MeterRegistry registry) {
        for (IngestOutcome outcome : IngestOutcome.values()) {
            messages.put(outcome, Counter.builder("hashfence.ingest.messages")
                    .description("MQTT PUBLISH messages received, by what became of them")
                    .tag("outcome", outcome.label()).register(registry));
        }
        for (ConnectResult result : ConnectResult.values()) {
            connects.put(result, Counter.builder("hashfence.mqtt.connects")
                    .description("MQTT CONNECT attempts, by result")
                    .tag("result", result.label()).register(registry));
        }
        for (ProtocolError error : ProtocolError.values()) {
            protocolErrors.put(error, Counter.builder("hashfence.mqtt.protocol.errors")
                    .description("Connections closed for breaking the MQTT protocol, by kind")
                    .tag("kind", error.label()).register(registry));
        }
        for (ConnectionRefusal refusal : ConnectionRefusal.values()) {
            refusals.put(refusal, Counter.builder("hashfence.mqtt.connections.refused")
                    .description("Connections refused before MQTT began, by limit")
                    .tag("reason", refusal.label()).register(registry));
        }
        takeovers = Counter.builder("hashfence.mqtt.sessions.taken.over")
                .description("Connections closed because a new one with the same site and client id took over")
                .register(registry);
        registry.gauge("hashfence.mqtt.connections", openConnections);
        processing = Timer.builder("hashfence.ingest.processing")
                .description("Time from a PUBLISH decoded to its outcome known (validation, registry, compliance, alerts)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
    }

    public void processed(long nanos) {
        processing.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void message(IngestOutcome outcome) {
        messages.get(outcome).increment();
    }

    public void connect(ConnectResult result) {
        connects.get(result).increment();
    }

    public void protocolError(ProtocolError error) {
        protocolErrors.get(error).increment();
    }

    void connectionRefused(ConnectionRefusal refusal) {
        refusals.get(refusal).increment();
    }

    void sessionTakenOver() {
        takeovers.increment();
    }

    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }
}
