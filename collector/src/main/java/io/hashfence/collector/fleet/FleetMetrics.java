package io.hashfence.collector.fleet;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;

/**
 * Per-rig metrics, produced from the registry at scrape time: no meter objects per rig, so a fleet of
 * 100,000 rigs costs memory only in the registry itself.
 */
public final class FleetMetrics implements MultiCollector {
    static final String HASHRATE = "hashfence_rig_hashrate_hashes_per_second";
    static final String POWER = "hashfence_rig_power_watts";
    static final String UP = "hashfence_rig_up";
    static final String LAST_SEEN = "hashfence_rig_last_seen_timestamp_seconds";

    private static final Unit WATTS = new Unit("watts");

    private final RigRegistry registry;

    public FleetMetrics(RigRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder hashrate = GaugeSnapshot.builder().name(HASHRATE)
                .help("Rig hashrate reported by its miner, in hashes per second");
        GaugeSnapshot.Builder power = GaugeSnapshot.builder().name(POWER).unit(WATTS)
                .help("Rig power draw in watts, from the source named in the telemetry");
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name(UP)
                .help("1 while the rig's agent is connected and the rig reports within its missed-interval limit");
        GaugeSnapshot.Builder lastSeen = GaugeSnapshot.builder().name(LAST_SEEN).unit(Unit.SECONDS)
                .help("When the collector last received telemetry from the rig, as a Unix time");
        for (RigRecord rig : registry.all()) {
            Labels labels = Labels.of("site", rig.key().site().value(), "rig", rig.key().rig().value());
            hashrate.dataPoint(point(labels, rig.latest().hashrate()));
            if (rig.latest().power() != null) {
                power.dataPoint(point(labels, rig.latest().power().watts()));
            }
            up.dataPoint(point(labels, registry.isUp(rig) ? 1 : 0));
            lastSeen.dataPoint(point(labels, rig.lastSeen().toEpochMilli() / 1000.0));
        }
        return new MetricSnapshots(hashrate.build(), power.build(), up.build(), lastSeen.build());
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(HASHRATE, POWER, UP, LAST_SEEN);
    }
}
