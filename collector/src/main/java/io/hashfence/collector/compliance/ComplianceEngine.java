package io.hashfence.collector.compliance;

import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.fleet.RigHistories;
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
import java.util.Locale;
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
    private final CredibleDeparture departure;
    private final int recentWindow;
    private final LocationHistoryFormat historyFormat;
    private final Map<RigKey, RigCompliance> rigs = new ConcurrentHashMap<>();
    /**
     * What the rig snapshot, the event log or (for a site that moved here) the shared store said of rigs not heard
     * from here since; taken by their first message.
     */
    private final Map<RigKey, LocationHistory> restored = new ConcurrentHashMap<>();
    /** Findings a re-judgement works out again rather than carrying over from the last message. */
    private static final Set<FindingKind> RE_JUDGED = Set.of(
            FindingKind.STALE_LOCATION,
            FindingKind.RELOCATED,
            FindingKind.IMPOSSIBLE_TRAVEL,
            FindingKind.RECENT_IMPOSSIBLE_TRAVEL,
            FindingKind.HELD_LOCATION,
            FindingKind.SPOOF_SUSPECTED,
            FindingKind.NEAR_BORDER);

    /** The last message and connection of a rig, its location memory, and its latest assessment. */
    public record RigCompliance(
            Telemetry telemetry,
            ConnectionFacts connection,
            LocationHistory history,
            Assessment assessment,
            Instant stateSince) {}

    public ComplianceEngine(GeoIndex geo, Supplier<Policy> policy, ComplianceConfig config, Clock clock) {
        this.geo = geo;
        this.policy = policy;
        this.clock = clock;
        this.staleness = new StalenessRule(config.locationMaxAge());
        this.impossibleTravel =
                new ImpossibleTravelRule(config.maxSpeedKmh(), config.relocationKm(), config.locationMaxAge());
        this.departure = new CredibleDeparture(config.maxSpeedKmh());
        this.recentWindow = config.frozenFixCount();
        this.historyFormat = new LocationHistoryFormat(geo);
        List<EvidenceRule> rules = new ArrayList<>(List.of(
                new LocationSourceRule(),
                new SimulatedFixRule(),
                new FrozenCoordinatesRule(config.frozenFixCount()),
                new RepeatingPositionsRule(config.frozenFixCount()),
                impossibleTravel,
                new RelocationRule(config.relocationKm()),
                new IpCountryRule()));
        if (config.collectorLocation() != null) {
            rules.add(new RttBoundRule(
                    config.collectorLocation().lat(), config.collectorLocation().lon()));
        }
        this.locatedRules = List.copyOf(rules);
    }

    /** Judges a new message from a rig and remembers it. */
    public Assessment observe(RigKey key, Telemetry telemetry, ConnectionFacts connection) {
        Instant now = clock.instant();
        RigCompliance updated = rigs.compute(key, (k, known) -> {
            LocationHistory history = known == null ? restoredHistory(k) : known.history();
            if (telemetry.location() == null) {
                history = history.withheldFrom(now);
            }
            Judgement judgement =
                    judge(key, telemetry, connection, history, now, null, known == null ? null : known.assessment());
            return remember(known, telemetry, connection, history, judgement, now);
        });
        return updated.assessment();
    }

    /**
     * Judges a rig again on what it last said, as of now: after a policy change, and periodically so that
     * a rig that went silent becomes unknown once its last fix is stale.
     */
    public Optional<Assessment> reassess(RigKey key) {
        Instant now = clock.instant();
        RigCompliance updated = rigs.computeIfPresent(key, (k, known) -> rejudged(key, known, known.history(), now));
        return Optional.ofNullable(updated).map(RigCompliance::assessment);
    }

    /**
     * An operator's word that a spoofing suspicion was false: drops it (and the impossible jump it may be
     * about) and judges the rig again. The position holding a violation still needs a credible move out.
     *
     * @return the suspicion cleared; empty when the rig is unknown or not suspected
     */
    public Optional<SpoofSuspicion> clearSuspicion(RigKey key) {
        Instant now = clock.instant();
        SpoofSuspicion[] cleared = new SpoofSuspicion[1];
        rigs.computeIfPresent(key, (k, known) -> {
            if (known.history().suspicion() == null) {
                return known;
            }
            cleared[0] = known.history().suspicion();
            return rejudged(key, known, known.history().cleared(), now);
        });
        return Optional.ofNullable(cleared[0]);
    }

    /**
     * Takes back, after a restart, what the event log recorded of a rig: the position its violation was about
     * (held from now, as if claimed now, which makes a move out of it need the full travel time from now)
     * and an open spoofing suspicion. Either may be null. Applied to the rig's first message.
     */
    public void restore(RigKey key, double[] violationPosition, SpoofSuspicion suspicion) {
        Instant now = clock.instant();
        HeldLocation held = null;
        if (violationPosition != null) {
            Fix fix = new Fix(violationPosition[0], violationPosition[1], LocationSource.STATIC, now);
            held = new HeldLocation(fix, geo.locate(fix.lat(), fix.lon()), now);
        }
        restored.merge(key, LocationHistory.NONE.judged(held, suspicion), ComplianceEngine::keepStored);
    }

    /** A stored history's own held position and suspicion are exact; the alerts' fill in what it lacks. */
    private static LocationHistory keepStored(LocationHistory stored, LocationHistory fromAlerts) {
        return stored.judged(
                stored.held() != null ? stored.held() : fromAlerts.held(),
                stored.suspicion() != null ? stored.suspicion() : fromAlerts.suspicion());
    }

    /**
     * The rig's location history as bytes ({@link #restoreHistory} takes them back): of a rig judged here, or one
     * restored and not heard from since; null for a rig unknown here.
     */
    public byte[] savedHistory(RigKey key) {
        RigCompliance known = rigs.get(key);
        LocationHistory history = known != null ? known.history() : restored.get(key);
        return history == null ? null : historyFormat.encode(history);
    }

    /**
     * The location histories as the data directory's rig snapshot keeps them across this collector's restarts:
     * whole, but taken back without their held positions and suspicions, which the event log restores instead
     * ({@link #restore}): it records every change of them before the message's PUBACK, while the snapshot file may
     * be a minute old.
     */
    public RigHistories historiesAcrossRestarts() {
        return new RigHistories() {
            @Override
            public byte[] saved(RigKey rig) {
                return savedHistory(rig);
            }

            @Override
            public void restore(RigKey rig, byte[] saved) {
                LocationHistory evidence = historyFormat.decode(saved).judged(null, null);
                restored.merge(rig, evidence, (earlier, later) -> keepStored(later, earlier));
            }
        };
    }

    /**
     * Takes back a rig's location history that another collector stored ({@link #savedHistory}), when its site
     * moves here, so that the evidence rules judge its next fix against its last ones: applied to its first message
     * here; or at once when this collector knows the rig from before, if the stored history's last fix is newer.
     * Held positions and suspicions that firing alerts restore ({@link #restore}) fill in what it lacks.
     *
     * @throws IllegalArgumentException when the bytes are not a location history this collector reads
     */
    public void restoreHistory(RigKey key, byte[] encoded) {
        LocationHistory stored = historyFormat.decode(encoded);
        RigCompliance known = rigs.computeIfPresent(
                key,
                (k, rig) -> newer(stored, rig.history())
                        ? new RigCompliance(
                                rig.telemetry(), rig.connection(), stored, rig.assessment(), rig.stateSince())
                        : rig);
        if (known == null) {
            restored.merge(key, stored, (earlier, later) -> keepStored(later, earlier));
        }
    }

    private static boolean newer(LocationHistory stored, LocationHistory known) {
        return stored.last() != null
                && (known.last() == null
                        || stored.last().time().isAfter(known.last().time()));
    }

    private LocationHistory restoredHistory(RigKey key) {
        LocationHistory history = restored.remove(key);
        return history == null ? LocationHistory.NONE : history;
    }

    public Optional<RigCompliance> find(RigKey key) {
        return Optional.ofNullable(rigs.get(key));
    }

    public Iterable<RigKey> rigs() {
        return rigs.keySet();
    }

    /**
     * @param held what the history holds after this judgement
     * @param suspicion the spoofing suspicion after this judgement, or null
     */
    private record Judgement(Assessment assessment, Fix fix, HeldLocation held, SpoofSuspicion suspicion) {}

    private RigCompliance rejudged(RigKey key, RigCompliance known, LocationHistory history, Instant now) {
        Judgement judgement =
                judge(key, known.telemetry(), known.connection(), history, now, known.assessment(), known.assessment());
        return new RigCompliance(
                known.telemetry(),
                known.connection(),
                history.judged(judgement.held(), judgement.suspicion()),
                judgement.assessment(),
                judgement.assessment().state() == known.assessment().state() ? known.stateSince() : now);
    }

    private RigCompliance remember(
            RigCompliance known,
            Telemetry telemetry,
            ConnectionFacts connection,
            LocationHistory history,
            Judgement judgement,
            Instant now) {
        if (judgement.fix() != null) {
            history = history.after(judgement.fix(), judgement.assessment().has(FindingKind.RELOCATED), recentWindow);
        }
        for (Finding finding : judgement.assessment().findings()) {
            if (finding.kind() == FindingKind.IMPOSSIBLE_TRAVEL) {
                history = history.withImpossibleTravel(now, finding.detail());
            }
        }
        history = history.judged(judgement.held(), judgement.suspicion());
        Instant since = known != null
                        && known.assessment().state() == judgement.assessment().state()
                ? known.stateSince()
                : now;
        return new RigCompliance(telemetry, connection, history, judgement.assessment(), since);
    }

    /**
     * @param previous null for a new message; for a re-judgement of the last one, its assessment, whose
     *                 movement findings stand (the rules that compare fixes must not compare it with itself)
     *                 while staleness, the held position and the policy are applied afresh; a re-judgement
     *                 raises no new spoofing suspicion
     * @param last     the rig's last assessment, or null: its border distance is reused for the same position
     */
    private Judgement judge(
            RigKey key,
            Telemetry telemetry,
            ConnectionFacts connection,
            LocationHistory history,
            Instant now,
            Assessment previous,
            Assessment last) {
        Policy current = policy.get();
        Location location = telemetry.location();
        boolean ipCountryRestricted = connection
                .ipCountry()
                .map(c -> current.restrictionOf(c).isPresent())
                .orElse(false);
        HeldLocation held = history.held() != null
                        && current.restrictionAt(history.held().where()).isPresent()
                ? history.held()
                : null;
        List<Finding> findings = new ArrayList<>();
        Fix fix = null;
        GeoLocation where = null;
        if (location == null) {
            findings.add(new Finding(FindingKind.NO_LOCATION, "the agent reports no location"));
            connection
                    .ipCountry()
                    .ifPresent(country -> findings.add(new Finding(
                            FindingKind.IP_COUNTRY_UNKNOWN, "the connection's address is registered in " + country)));
        } else {
            Instant fixTime = location.source() == LocationSource.GPS && location.fixTime() != null
                    ? location.fixTime()
                    : telemetry.time();
            fix = new Fix(location.lat(), location.lon(), location.source(), fixTime);
            where = geo.locate(fix.lat(), fix.lon());
            Observation observation = new Observation(key, telemetry, fix, where, history, connection, now);
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
        }
        Restriction claimed =
                where == null ? null : current.restrictionAt(where).orElse(null);

        Exemption exemption = current.exemptionFor(key, now).orElse(null);
        SpoofSuspicion suspicion = history.suspicion();
        if (suspicion == null && previous == null && fix != null && exemption == null) {
            String country = where.country() == null ? null : where.country().code();
            suspicion = SpoofSigns.in(connection, findings, held, claimed, ipCountryRestricted, country)
                    .map(reason -> new SpoofSuspicion(now, reason))
                    .orElse(null);
        }
        if (suspicion != null) {
            findings.add(
                    new Finding(FindingKind.SPOOF_SUSPECTED, "since " + suspicion.since() + ": " + suspicion.reason()));
        }

        HeldLocation holding = null;
        if (held != null && claimed == null) {
            List<String> objections =
                    departure.objections(held, fix, where, findings, connection, now, history.withheldSince());
            if (!objections.isEmpty()) {
                holding = held;
                // No relocation while the move is not credible: it is recognised once it is.
                findings.removeIf(f -> f.kind() == FindingKind.RELOCATED);
                findings.add(new Finding(FindingKind.HELD_LOCATION, heldDetail(held, fix, where, objections)));
            }
        }
        HeldLocation nextHeld = claimed != null ? new HeldLocation(fix, where, now) : holding;
        Trust trust = trust(findings);

        if (holding != null) {
            Restriction restriction = current.restrictionAt(holding.where()).orElseThrow();
            ComplianceState state = exemption != null ? ComplianceState.COMPLIANT : ComplianceState.VIOLATION;
            Assessment assessment = Assessment.builder(state, trust, findings, now, current.origin())
                    .claim(holding.fix().lat(), holding.fix().lon(), holding.where())
                    .restriction(restriction)
                    .nearestRestrictedKm(0.0)
                    .exemption(exemption)
                    .ipCountryRestricted(ipCountryRestricted)
                    .borderKm(borderKm(holding.fix(), last))
                    .build();
            return new Judgement(assessment, fix, nextHeld, suspicion);
        }
        if (fix == null) {
            Assessment unknown = Assessment.builder(ComplianceState.UNKNOWN, trust, findings, now, current.origin())
                    .ipCountryRestricted(ipCountryRestricted)
                    .build();
            return new Judgement(unknown, null, nextHeld, suspicion);
        }
        double distance = claimed != null ? 0 : nearestRestrictedKm(fix, current);
        Double nearestKm = Double.isInfinite(distance) ? null : distance;
        Double borderKm = borderKm(fix, last);
        if (claimed == null) {
            nearBorder(where, nearestKm, borderKm, current).ifPresent(findings::add);
        }

        ComplianceState state = stateOfClaim(exemption, claimed, findings);
        Assessment assessment = Assessment.builder(state, trust, findings, now, current.origin())
                .claim(fix.lat(), fix.lon(), where)
                .restriction(claimed)
                .nearestRestrictedKm(nearestKm)
                .exemption(exemption)
                .ipCountryRestricted(ipCountryRestricted)
                .borderKm(borderKm)
                .build();
        return new Judgement(assessment, fix, nextHeld, suspicion);
    }

    /** The state a located claim gives when no held position decides it; a stale claim in a restricted place is still one. */
    private static ComplianceState stateOfClaim(Exemption exemption, Restriction claimed, List<Finding> findings) {
        boolean stale = Assessment.has(findings, FindingKind.STALE_LOCATION);
        if (exemption != null) {
            return stale ? ComplianceState.UNKNOWN : ComplianceState.COMPLIANT;
        }
        if (claimed != null) {
            return ComplianceState.VIOLATION;
        }
        if (stale) {
            return ComplianceState.UNKNOWN;
        }
        return Assessment.has(findings, FindingKind.NEAR_BORDER) ? ComplianceState.WARNING : ComplianceState.COMPLIANT;
    }

    /**
     * Why a claim outside restricted places is near one, if it is. Outside disputed land: the distance to the
     * nearest restricted place, which sees restricted land inside the rig's own country's outline too (Crimea lies
     * inside Ukraine's). On disputed land that a restricted state holds or claims (the policy restricts the
     * controller or the claimant but not the place itself, e.g. Zaporizhzhia oblast, UA contested by RU, under a
     * policy restricting RU): also the distance to the border of the country it is answered under, since where the
     * disputed part ends no dataset draws.
     */
    private static Optional<Finding> nearBorder(GeoLocation where, Double nearestKm, Double borderKm, Policy current) {
        double limit = current.nearBorderKm();
        if (nearestKm != null && nearestKm <= limit) {
            return Optional.of(new Finding(
                    FindingKind.NEAR_BORDER,
                    String.format(Locale.ROOT, "%.1f km from a restricted jurisdiction", nearestKm)));
        }
        if (where.claimedBy() == null || borderKm == null || borderKm > limit) {
            return Optional.empty();
        }
        String country = where.country().code();
        String claimant = where.claimedBy().code();
        boolean claimantRestricted = current.restrictionOf(claimant).isPresent();
        if (!claimantRestricted && current.restrictionOf(country).isEmpty()) {
            return Optional.empty();
        }
        String restrictedState = claimantRestricted ? claimant : country;
        return Optional.of(new Finding(
                FindingKind.NEAR_BORDER,
                String.format(
                        Locale.ROOT,
                        "on land %s %s, which the policy restricts, %.1f km from the border of %s",
                        restrictedState,
                        claimantRestricted ? "claims" : "holds",
                        borderKm,
                        country)));
    }

    /**
     * The distance from the position to the nearest border of its country, or null beyond 100 km. It is the
     * costliest step of a judgement (a walk over the border's edges nearby), and most rigs send the same
     * position in every message, so the last assessment's distance is taken when the position is the same.
     */
    private Double borderKm(Fix fix, Assessment last) {
        if (last != null && last.lat() != null && last.lat() == fix.lat() && last.lon() == fix.lon()) {
            return last.borderKm();
        }
        double km = geo.borderKm(fix.lat(), fix.lon());
        return Double.isInfinite(km) ? null : km;
    }

    private static String heldDetail(HeldLocation held, Fix fix, GeoLocation where, List<String> objections) {
        StringBuilder detail = new StringBuilder(String.format(
                "last known in %s at %.5f, %.5f (%s)",
                held.place(), held.fix().lat(), held.fix().lon(), held.fix().time()));
        if (fix == null) {
            return detail.append("; ").append(String.join("; ", objections)).toString();
        }
        detail.append(String.format(
                "; it now claims %.5f, %.5f in %s",
                fix.lat(),
                fix.lon(),
                where.country() == null
                        ? "international waters"
                        : (where.subdivision() == null
                                        ? ""
                                        : where.subdivision().code() + ", ")
                                + where.country().code()));
        return detail.append(", which is no credible move out: ")
                .append(String.join("; ", objections))
                .toString();
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
