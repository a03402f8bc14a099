package io.hashfence.collector.ingest;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The collector's own MQTT and ingest metrics: {@code hashfence_ingest_messages_total{outcome}},
 * {@code hashfence_ingest_processing_seconds} (histogram, and its recent maximum {@code _max}),
 * {@code hashfence_mqtt_connects_total{result}}, {@code hashfence_mqtt_protocol_errors_total{kind}},
 * {@code hashfence_mqtt_connections}, {@code hashfence_mqtt_connections_refused_total{reason}} and
 * {@code hashfence_mqtt_sessions_taken_over_total}. Every label value is registered up front, so it shows as 0,
 * and each one's data point is kept, so counting a message looks nothing up.
 */
public final class IngestMetrics implements MultiCollector {
    private static final String PROCESSING_MAX = "hashfence_ingest_processing_seconds_max";
    private static final String PROCESSING_HELP =
            "Time from a PUBLISH decoded to its outcome known (validation, registry, compliance, alerts)";
    private static final long PROCESSING_MIN_NANOS = 10_000;
    private static final long PROCESSING_MAX_NANOS = 1_000_000_000;

    private final Counter messages = Counter.builder()
            .name("hashfence_ingest_messages_total")
            .help("MQTT PUBLISH messages received, by what became of them")
            .labelNames("outcome")
            .build();
    private final Counter connects = Counter.builder()
            .name("hashfence_mqtt_connects_total")
            .help("MQTT CONNECT attempts, by result")
            .labelNames("result")
            .build();
    private final Counter protocolErrors = Counter.builder()
            .name("hashfence_mqtt_protocol_errors_total")
            .help("Connections closed for breaking the MQTT protocol, by kind")
            .labelNames("kind")
            .build();
    private final Counter refusals = Counter.builder()
            .name("hashfence_mqtt_connections_refused_total")
            .help("Connections refused before MQTT began, by limit")
            .labelNames("reason")
            .build();
    private final Counter takeovers = Counter.builder()
            .name("hashfence_mqtt_sessions_taken_over_total")
            .help("Connections closed because a new one with the same site and client id took over")
            .build();
    private final Gauge openConnections = Gauge.builder()
            .name("hashfence_mqtt_connections")
            .help("Open MQTT connections, whether or not they have sent CONNECT yet")
            .build();
    private final Histogram processing = Histogram.builder()
            .name("hashfence_ingest_processing_seconds")
            .unit(Unit.SECONDS)
            .help(PROCESSING_HELP)
            .classicOnly()
            .classicUpperBounds(processingBuckets())
            .build();
    private final RecentMax slowestProcessing = new RecentMax();
    private final Map<IngestOutcome, CounterDataPoint> messagesByOutcome =
            byLabel(messages, IngestOutcome.class, IngestOutcome::label);
    private final Map<ConnectResult, CounterDataPoint> connectsByResult =
            byLabel(connects, ConnectResult.class, ConnectResult::label);
    private final Map<ProtocolError, CounterDataPoint> protocolErrorsByKind =
            byLabel(protocolErrors, ProtocolError.class, ProtocolError::label);
    private final Map<ConnectionRefusal, CounterDataPoint> refusalsByReason =
            byLabel(refusals, ConnectionRefusal.class, ConnectionRefusal::label);

    public void processed(long nanos) {
        processing.observe(Unit.nanosToSeconds(nanos));
        slowestProcessing.record(nanos);
    }

    public void message(IngestOutcome outcome) {
        messagesByOutcome.get(outcome).inc();
    }

    /** How many messages had this outcome since the collector started. */
    public long count(IngestOutcome outcome) {
        return (long) messagesByOutcome.get(outcome).get();
    }

    public void connect(ConnectResult result) {
        connectsByResult.get(result).inc();
    }

    public void protocolError(ProtocolError error) {
        protocolErrorsByKind.get(error).inc();
    }

    void connectionRefused(ConnectionRefusal refusal) {
        refusalsByReason.get(refusal).inc();
    }

    void sessionTakenOver() {
        takeovers.inc();
    }

    public void connectionOpened() {
        openConnections.inc();
    }

    public void connectionClosed() {
        openConnections.dec();
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot max = GaugeSnapshot.builder()
                .name(PROCESSING_MAX)
                .help(PROCESSING_HELP)
                .dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.EMPTY)
                        .value(Unit.nanosToSeconds(slowestProcessing.get()))
                        .build())
                .build();
        return new MetricSnapshots(
                messages.collect(),
                processing.collect(),
                max,
                connects.collect(),
                protocolErrors.collect(),
                openConnections.collect(),
                refusals.collect(),
                takeovers.collect());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(
                messages.getPrometheusName(),
                processing.getPrometheusName(),
                PROCESSING_MAX,
                connects.getPrometheusName(),
                protocolErrors.getPrometheusName(),
                openConnections.getPrometheusName(),
                refusals.getPrometheusName(),
                takeovers.getPrometheusName());
    }

    private static <E extends Enum<E>> Map<E, CounterDataPoint> byLabel(
            Counter counter, Class<E> type, Function<E, String> label) {
        Map<E, CounterDataPoint> points = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            points.put(value, counter.labelValues(label.apply(value)));
        }
        return points;
    }

    /**
     * The bucket bounds this histogram had when it was a Micrometer timer with a percentile histogram from 10 µs
     * to 1 s (the powers of 4 in nanoseconds, each span cut in thirds of its start), kept so that its {@code le}
     * values, and the queries and recorded series that name them, stay as they were.
     */
    private static double[] processingBuckets() {
        List<Double> bounds = new ArrayList<>();
        bounds.add(Unit.nanosToSeconds(PROCESSING_MIN_NANOS));
        for (int exponent = 2; (1L << exponent) < PROCESSING_MAX_NANOS; exponent += 2) {
            long bound = 1L << exponent;
            long step = bound / 3;
            long end = (bound << 2) - step;
            for (; bound < end; bound += step) {
                if (bound > PROCESSING_MIN_NANOS && bound < PROCESSING_MAX_NANOS) {
                    bounds.add(Unit.nanosToSeconds(bound));
                }
            }
        }
        bounds.add(Unit.nanosToSeconds(PROCESSING_MAX_NANOS));
        return bounds.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
