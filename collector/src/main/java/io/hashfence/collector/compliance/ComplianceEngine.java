package io.hashfence.collector.compliance;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.geo.GeoIndex;
import io.hashfence.geo.GeoLocation;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.Telemetry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Judges every located message: locate the claim, weigh it against the evidence rules, apply the policy.
 * Keeps per rig what the rules need to remember, and the latest assessment.
 */
public final class ComplianceEngine {
    private final GeoIndex geo;
    private final Supplier<Policy> policy;
    private final Clock clock;
    private final List<EvidenceRule> locatedRules;
    private final StalenessRule staleness;
    private final ImpossibleTravelRule impossibleTravel;
    private final Map<RigKey, RigCompliance> rigs = new ConcurrentHashMap<>();
    /** Findings a re-judgement works out again rather than carrying over from the last message. */
    private static final Set<FindingKind> RE_JUDGED = Set.of(FindingKind.STALE_LOCATION, FindingKind.RELOCATED,
            FindingKind.IMPOSSIBLE_TRAVEL, FindingKind.RECENT_IMPOSSIBLE_TRAVEL);

    /** The last message and connection of a rig, its location memory, and its latest assessment. */
    public record RigCompliance(Telemetry telemetry, ConnectionFacts connection, LocationHistory history,
                                Assessment assessment, Instant stateSince) {
    }

    public ComplianceEngine(GeoIndex geo, Supplier<Policy> policy, ComplianceConfig config, Clock clock) {
        this.geo = geo;
        this.policy = policy;
        this.clock = clock;
        this.staleness = new StalenessRule(config.locationMaxAge());
        this.impossibleTravel = new ImpossibleTravelRule(config.maxSpeedKmh(), config.relocationKm(),
                config.locationMaxAge());
        List<EvidenceRule> rules = new ArrayList<>(List.of(
                new LocationSourceRule(),
                new SimulatedFixRule(),
                new FrozenCoordinatesRule(config.frozenFixCount()),
                impossibleTravel,
                new RelocationRule(config.relocationKm()),
                new IpCountryRule()));
        if (config.hasCollectorLocation()) {
            rules.add(new RttBoundRule(config.collectorLat(), config.collectorLon()));
        }
        this.locatedRules = List.copyOf(rules);
    }

    /** Judges a new message from a rig and remembers it. */
    public Assessment observe(RigKey key, Telemetry telemetry, ConnectionFacts connection) {
        Instant now = clock.instant();
        RigCompliance updated = rigs.compute(key, (k, known) -> {
            LocationHistory history = known == null ? LocationHistory.NONE : known.history();
            Judgement judgement = judge(key, telemetry, connection, history, now, null);
            return remember(known, telemetry, connection, judgement, now);
        });
        return updated.assessment();
    }

    /**
     * Judges a rig again on what it last said, as of now: after a policy change, and periodically so that
     * a rig that went silent becomes unknown once its last fix is stale.
     */
    public Optional<Assessment> reassess(RigKey key) {
        Instant now = clock.instant();
        RigCompliance updated = rigs.computeIfPresent(key, (k, known) -> {
            Judgement judgement = judge(key, known.telemetry(), known.connection(), known.history(), now,
                    known.assessment());
            return new RigCompliance(known.telemetry(), known.connection(), known.history(), judgement.assessment(),
                    judgement.assessment().state() == known.assessment().state() ? known.stateSince() : now);
        });
        return Optional.ofNullable(updated).map(RigCompliance::assessment);
    }

    public Optional<RigCompliance> find(RigKey key) {
        return Optional.ofNullable(rigs.get(key));
    }

    public Iterable<RigKey> rigs() {
        return rigs.keySet();
    }

    private record Judgement(Assessment assessment, Fix fix) {
    }

    private static RigCompliance remember(RigCompliance known, Telemetry telemetry, ConnectionFacts connection,
                                          Judgement judgement, Instant now) {
        LocationHistory history = known == null ? LocationHistory.NONE : known.history();
        if (judgement.fix() != null) {
            history = history.after(judgement.fix(), judgement.assessment().has(FindingKind.RELOCATED));
        }
        for (Finding finding : judgement.assessment().findings()) {
            if (finding.kind() == FindingKind.IMPOSSIBLE_TRAVEL) {
                history = history.withImpossibleTravel(now, finding.detail());
            }
        }
        Instant since = known != null && known.assessment().state() == judgement.assessment().state()
                ? known.stateSince() : now;
        return new RigCompliance(telemetry, connection, history, judgement.assessment(), since);
    }

    /**
     * @param previous null for a new message; for a re-judgement of the last one, its assessment, whose
     *                 movement findings stand (the rules that compare fixes must not compare it with itself)
     *                 while staleness and the policy are applied afresh
     */
    private Judgement judge(RigKey key, Telemetry telemetry, ConnectionFacts connection, LocationHistory history,
                            Instant now, Assessment previous) {
        Policy current = policy.get();
        Location location = telemetry.location();
        boolean ipCountryRestricted = connection.ipCountry().map(c -> current.restrictionOf(c).isPresent()).orElse(false);
        if (location == null) {
            List<Finding> findings = new ArrayList<>(List.of(new Finding(FindingKind.NO_LOCATION,
                    "the agent reports no location")));
            connection.ipCountry().ifPresent(country -> findings.add(new Finding(FindingKind.IP_COUNTRY_UNKNOWN,
                    "the connection's address is registered in " + country)));
            return new Judgement(new Assessment(ComplianceState.UNKNOWN, Trust.NONE, null, null, null, null, null,
                    null, ipCountryRestricted, findings, now, current.origin()), null);
        }
        Instant fixTime = location.source() == LocationSource.GPS && location.fixTime() != null
                ? location.fixTime() : telemetry.time();
        Fix fix = new Fix(location.lat(), location.lon(), location.source(), fixTime);
        GeoLocation where = geo.locate(fix.lat(), fix.lon());
        Observation observation = new Observation(key, telemetry, fix, where, history, connection, now);

        List<Finding> findings = new ArrayList<>();
        staleness.examine(observation).ifPresent(findings::add);
        if (previous == null) {
            for (EvidenceRule rule : locatedRules) {
                rule.examine(observation).ifPresent(findings::add);
            }
        } else {
            previous.findings().stream()
                    .filter(f -> !RE_JUDGED.contains(f.kind()))
                    .forEach(findings::add);
            impossibleTravel.held(history, now).ifPresent(findings::add);
        }

        Restriction restriction = current.restrictionAt(where).orElse(null);
        double distance = restriction != null ? 0 : nearestRestrictedKm(fix, current);
        Double nearestKm = Double.isInfinite(distance) ? null : distance;
        Exemption exemption = current.exemptionFor(key, now).orElse(null);

        ComplianceState state;
        if (findings.stream().anyMatch(f -> f.kind() == FindingKind.STALE_LOCATION)) {
            state = ComplianceState.UNKNOWN;
        } else if (exemption != null) {
            state = ComplianceState.COMPLIANT;
        } else if (restriction != null) {
            state = ComplianceState.VIOLATION;
        } else if (nearestKm != null && nearestKm <= current.nearBorderKm()) {
            state = ComplianceState.WARNING;
        } else {
            state = ComplianceState.COMPLIANT;
        }
        Assessment assessment = new Assessment(state, trust(findings), fix.lat(), fix.lon(), where, restriction,
                nearestKm, exemption, ipCountryRestricted, findings, now, current.origin());
        return new Judgement(assessment, fix);
    }

    private double nearestRestrictedKm(Fix fix, Policy current) {
        if (current.restrictedRegions().isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        return geo.distanceKm(fix.lat(), fix.lon(), current.restrictedRegions());
    }

    static Trust trust(List<Finding> findings) {
        if (Assessment.hasEffect(findings, FindingKind.Effect.DISQUALIFIES)) {
            return Trust.NONE;
        }
        if (Assessment.hasEffect(findings, FindingKind.Effect.CONFLICTS)) {
            return Trust.LOW;
        }
        boolean gps = Assessment.has(findings, FindingKind.GPS_FIX);
        boolean ipAgrees = Assessment.has(findings, FindingKind.IP_COUNTRY_AGREES);
        return gps && ipAgrees ? Trust.HIGH : Trust.MEDIUM;
    }
}
