package io.hashfence.collector.http;

import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ComplianceEngine.RigCompliance;
import io.hashfence.collector.fleet.RigRecord;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.protocol.Fan;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.Temperature;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Optional;

/**
 * Per-rig metrics, produced from the registry and the compliance engine at scrape time: no meter objects
 * per rig, so a fleet of 100,000 rigs costs memory only in those two. Every series is labelled
 * {@code site} and {@code rig}; the compliance state is one series per rig whose {@code state} label
 * changes, so the cardinality stays one series per rig per metric.
 */
public final class FleetMetrics implements MultiCollector {
    static final String HASHRATE = "hashfence_rig_hashrate_hashes_per_second";
    static final String POWER = "hashfence_rig_power_watts";
    static final String UP = "hashfence_rig_up";
    static final String MINER_STATUS = "hashfence_rig_miner_status";
    static final String LAST_SEEN = "hashfence_rig_last_seen_timestamp_seconds";
    static final String TEMPERATURE = "hashfence_rig_temperature_max_celsius";
    static final String FAN_MIN = "hashfence_rig_fan_min_rpm";
    static final String STATE_SINCE = "hashfence_rig_compliance_state_since_timestamp_seconds";
    static final String STATE = "hashfence_rig_compliance_state";
    static final String TRUST = "hashfence_rig_location_trust_level";
    static final String LATITUDE = "hashfence_rig_latitude_degrees";
    static final String LONGITUDE = "hashfence_rig_longitude_degrees";
    static final String INFO = "hashfence_rig";
    private static final Unit WATTS = new Unit("watts");
    private static final Unit DEGREES = new Unit("degrees");

    private final RigRegistry registry;
    private final ComplianceEngine compliance;

    public FleetMetrics(RigRegistry registry, ComplianceEngine compliance) {
        this.registry = registry;
        this.compliance = compliance;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder hashrate =
                GaugeSnapshot.builder().name(HASHRATE).help("Rig hashrate reported by its miner, in hashes per second");
        GaugeSnapshot.Builder power = GaugeSnapshot.builder()
                .name(POWER)
                .unit(WATTS)
                .help("Rig power draw in watts, from the source named in the telemetry");
        GaugeSnapshot.Builder up = GaugeSnapshot.builder()
                .name(UP)
                .help("1 while the rig's agent is connected and the rig reports within its missed-interval limit");
        GaugeSnapshot.Builder minerStatus = GaugeSnapshot.builder()
                .name(MINER_STATUS)
                .help("1 for what the rig's miner was doing in its latest telemetry (label state: mining, idle, error,"
                        + " unreachable)");
        GaugeSnapshot.Builder lastSeen = GaugeSnapshot.builder()
                .name(LAST_SEEN)
                .unit(Unit.SECONDS)
                .help("When the collector last received telemetry from the rig, as a Unix time");
        GaugeSnapshot.Builder temperature = GaugeSnapshot.builder()
                .name(TEMPERATURE)
                .unit(Unit.CELSIUS)
                .help("The hottest temperature sensor of the rig");
        GaugeSnapshot.Builder fanMin = GaugeSnapshot.builder()
                .name(FAN_MIN)
                .help("The slowest fan of the rig, in revolutions per minute (a stopped fan shows as 0)");
        GaugeSnapshot.Builder stateSince = GaugeSnapshot.builder()
                .name(STATE_SINCE)
                .unit(Unit.SECONDS)
                .help("Since when the rig has been in its current compliance state, as a Unix time");
        GaugeSnapshot.Builder state = GaugeSnapshot.builder()
                .name(STATE)
                .help("1 for the rig's compliance state (label state: compliant, warning, violation, unknown)");
        GaugeSnapshot.Builder trust = GaugeSnapshot.builder()
                .name(TRUST)
                .help("Trust in the rig's location claim: 0 none, 1 low, 2 medium, 3 high");
        GaugeSnapshot.Builder latitude =
                GaugeSnapshot.builder().name(LATITUDE).unit(DEGREES).help("The rig's claimed latitude (WGS84)");
        GaugeSnapshot.Builder longitude =
                GaugeSnapshot.builder().name(LONGITUDE).unit(DEGREES).help("The rig's claimed longitude (WGS84)");
        InfoSnapshot.Builder info = InfoSnapshot.builder()
                .name(INFO)
                .help("Rig facts: miner type and model, active pool, and the country and subdivision it claims to be in"
                        + " (claimed_by: the state claiming that land, where disputed)");
        for (RigRecord rig : registry.all()) {
            Labels labels = Labels.of(
                    "site", rig.key().site().value(), "rig", rig.key().rig().value());
            Telemetry latest = rig.latest();
            hashrate.dataPoint(point(labels, latest.hashrate()));
            if (latest.power() != null) {
                power.dataPoint(point(labels, latest.power().watts()));
            }
            up.dataPoint(point(labels, registry.isUp(rig) ? 1 : 0));
            minerStatus.dataPoint(
                    point(labels.add("state", latest.miner().status().wireName()), 1));
            lastSeen.dataPoint(point(labels, rig.lastSeen().toEpochMilli() / 1000.0));
            latest.temperatures().stream()
                    .mapToDouble(Temperature::celsius)
                    .max()
                    .ifPresent(max -> temperature.dataPoint(point(labels, max)));
            latest.fans().stream().mapToDouble(Fan::rpm).min().ifPresent(min -> fanMin.dataPoint(point(labels, min)));
            Optional<RigCompliance> known = compliance.find(rig.key());
            known.ifPresent(
                    k -> stateSince.dataPoint(point(labels, k.stateSince().toEpochMilli() / 1000.0)));
            Optional<Assessment> assessment = known.map(RigCompliance::assessment);
            String country = "";
            String subdivision = "";
            String claimedBy = "";
            if (assessment.isPresent()) {
                Assessment a = assessment.get();
                state.dataPoint(point(labels.add("state", a.state().label()), 1));
                trust.dataPoint(point(labels, a.trust().level()));
                if (a.lat() != null) {
                    latitude.dataPoint(point(labels, a.lat()));
                    longitude.dataPoint(point(labels, a.lon()));
                }
                if (a.where() != null && a.where().country() != null) {
                    country = a.where().country().code();
                    subdivision = a.where().subdivision() == null
                            ? ""
                            : a.where().subdivision().code();
                    claimedBy = a.where().claimedBy() == null
                            ? ""
                            : a.where().claimedBy().code();
                }
            }
            info.dataPoint(InfoDataPointSnapshot.builder()
                    .labels(labels.merge(Labels.of(
                            "miner_type",
                            latest.miner().type(),
                            "model",
                            latest.miner().model() == null ? "" : latest.miner().model(),
                            "pool",
                            latest.pools().stream()
                                    .filter(Pool::active)
                                    .map(Pool::url)
                                    .findFirst()
                                    .orElse(""),
                            "country",
                            country,
                            "subdivision",
                            subdivision,
                            "claimed_by",
                            claimedBy)))
                    .build());
        }
        return new MetricSnapshots(
                hashrate.build(),
                power.build(),
                up.build(),
                minerStatus.build(),
                lastSeen.build(),
                temperature.build(),
                fanMin.build(),
                state.build(),
                stateSince.build(),
                trust.build(),
                latitude.build(),
                longitude.build(),
                info.build());
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(
                HASHRATE,
                POWER,
                UP,
                MINER_STATUS,
                LAST_SEEN,
                TEMPERATURE,
                FAN_MIN,
                STATE,
                STATE_SINCE,
                TRUST,
                LATITUDE,
                LONGITUDE,
                INFO);
    }
}
