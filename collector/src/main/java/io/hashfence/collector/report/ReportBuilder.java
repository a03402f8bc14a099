package io.hashfence.collector.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.audit.AuditEvent;
import io.hashfence.collector.audit.Checkpoint;
import io.hashfence.geo.Control;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Builds a {@link Report} from event-log records fed oldest first (as {@code ChainVerifier} reads them).
 * A rig's state and place at any moment are those of its latest rig_first_seen, jurisdiction_changed or
 * compliance_state_changed record at or before that moment; records at or after the period's end are ignored.
 * After compaction, a checkpoint's summarised state stands in for the records it replaced.
 */
public final class ReportBuilder implements Consumer<AuditEvent> {
    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final ReportPeriod period;
    private final Map<String, Map<String, RigTimeline>> rigsBySite = new TreeMap<>();
    private final List<PolicyInForce> policiesInPeriod = new ArrayList<>();
    private PolicyInForce policyBeforePeriod;
    private Checkpoint pendingCheckpoint;
    private CompactedHistory compacted;
    private int alertsOpened;
    private int alertsResolved;
    private int alertsAcknowledged;
    private final Map<String, ScreeningAlert> screeningAlerts = new LinkedHashMap<>();
    private final ExemptionLedger exemptions;

    public ReportBuilder(ReportPeriod period) {
        this.period = Objects.requireNonNull(period, "period");
        this.exemptions = new ExemptionLedger(period);
    }

    /**
     * Starts from the state a compaction checkpoint summarised. It is applied before the record that follows
     * the checkpoint, and dropped if the log turns out to start from record 1 (compaction wrote the
     * checkpoint but had not yet cut the log).
     */
    public void startFrom(Checkpoint checkpoint) {
        pendingCheckpoint = Objects.requireNonNull(checkpoint, "checkpoint");
    }

    @Override
    public void accept(AuditEvent event) {
        if (pendingCheckpoint != null) {
            if (event.seq() == pendingCheckpoint.throughSeq() + 1) {
                seed(pendingCheckpoint);
            }
            pendingCheckpoint = null;
        }
        if (!event.time().isBefore(period.to())) {
            return;
        }
        JsonNode data = event.data();
        switch (event.type()) {
            case RIG_FIRST_SEEN -> timeline(event).firstSeen(event.time(), data, currentPolicy());
            case JURISDICTION_CHANGED ->
                timeline(event).changed(event.time(), data.get("to"), null, null, currentPolicy());
            case COMPLIANCE_STATE_CHANGED ->
                timeline(event)
                        .changed(
                                event.time(),
                                data.get("to"),
                                EventData.text(data, "evidence"),
                                EventData.restriction(data.get("restriction")),
                                currentPolicy());
            case RELOCATED, EVIDENCE_CONFLICT -> known(event).ifPresent(rig -> rig.observed(event.time(), data));
            case EXEMPTION_EXPIRED -> known(event).ifPresent(RigTimeline::exemptionExpired);
            case SUSPICION_CLEARED -> known(event).ifPresent(rig -> rig.cleared(event.time(), data));
            case POLICY_LOADED -> {
                policy(event);
                exemptions.policyLoaded(event);
            }
            case POLICY_CHANGED -> {
                policy(event);
                exemptions.policyChanged(event);
            }
            case EXEMPTION_ADDED -> exemptions.added(event);
            case SCREENING_EXEMPTION_APPLIED -> exemptions.applied(event);
            case SCREENING_EXEMPTION_ENDED -> exemptions.ended(event);
            case ALERT_OPENED -> {
                alertsOpened += inPeriod(event);
                screeningOpened(event);
            }
            case ALERT_RESOLVED -> {
                alertsResolved += inPeriod(event);
                screeningAlerts.computeIfPresent(
                        EventData.text(data, "id"), (id, alert) -> alert.resolved(event.time()));
            }
            case ALERT_ACKNOWLEDGED -> alertsAcknowledged += inPeriod(event);
            case CHECKPOINT -> {}
        }
    }

    /** The report over every record fed so far. */
    public Report build(ChainHead chain, Instant generatedAt) {
        if (pendingCheckpoint != null) {
            seed(pendingCheckpoint);
            pendingCheckpoint = null;
        }
        List<RigReport> rigs = rigsBySite.values().stream()
                .flatMap(byRig -> byRig.values().stream())
                .map(RigTimeline::finish)
                .toList();
        List<PolicyInForce> policies = new ArrayList<>();
        if (policyBeforePeriod != null) {
            policies.add(policyBeforePeriod);
        }
        policies.addAll(policiesInPeriod);
        return new Report(
                period,
                generatedAt,
                chain,
                compacted,
                policies,
                rigs,
                summarise(rigs),
                screening(),
                exemptions.inForce());
    }

    private void screeningOpened(AuditEvent event) {
        JsonNode data = event.data();
        String alertname = EventData.text(data, "alertname");
        if (AlertType.SCREENING.stream().anyMatch(type -> type.alertName().equals(alertname))) {
            screeningAlerts.put(
                    EventData.text(data, "id"),
                    new ScreeningAlert(
                            alertname,
                            event.site(),
                            event.rig(),
                            EventData.text(data, "severity"),
                            Objects.requireNonNullElse(EventData.text(data, "country"), ""),
                            event.time(),
                            null,
                            EventData.text(data, "summary"),
                            EventData.text(data, "evidence")));
        }
    }

    /** One list per screening alert type, in the type's order, of the alerts open at some time in the period. */
    private Map<String, List<ScreeningAlert>> screening() {
        Map<String, List<ScreeningAlert>> byKind = new LinkedHashMap<>();
        AlertType.SCREENING.forEach(type -> byKind.put(type.alertName(), new ArrayList<>()));
        for (ScreeningAlert alert : screeningAlerts.values()) {
            if (alert.resolvedAt() == null || !alert.resolvedAt().isBefore(period.from())) {
                byKind.get(alert.alertname()).add(alert);
            }
        }
        return byKind;
    }

    private FleetSummary summarise(List<RigReport> rigs) {
        Map<CountryKey, List<RigReport>> byCountry = rigs.stream()
                .collect(Collectors.groupingBy(r -> CountryKey.of(r.atEnd().place()), Collectors.toList()));
        List<CountryTotal> totals = byCountry.entrySet().stream()
                .map(e -> countryTotal(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(CountryTotal::country, NULLS_LAST)
                        .thenComparing(CountryTotal::claimedBy, NULLS_FIRST))
                .toList();
        List<Violation> violations =
                rigs.stream().flatMap(r -> r.violations().stream()).toList();
        Duration restricted =
                violations.stream().map(Violation::durationInPeriod).reduce(Duration.ZERO, Duration::plus);
        return new FleetSummary(
                rigs.size(),
                totals,
                restricted,
                violations.size(),
                new AlertCounts(alertsOpened, alertsResolved, alertsAcknowledged));
    }

    private void seed(Checkpoint checkpoint) {
        compacted = new CompactedHistory(checkpoint.throughSeq(), checkpoint.throughTime());
        if (!checkpoint.throughTime().isBefore(period.to())) {
            return;
        }
        for (JsonNode rig : checkpoint.state().path("rigs")) {
            timeline(rig.get("site").asText(), rig.get("rig").asText())
                    .seeded(checkpoint.throughTime(), rig, currentPolicy());
        }
    }

    /** What a country total is of: a country's undisputed land, or disputed land with its claimant. */
    private record CountryKey(String country, String claimedBy, Control control) {
        static CountryKey of(Place place) {
            return new CountryKey(place.country(), place.claimedBy(), place.control());
        }
    }

    private static CountryTotal countryTotal(CountryKey key, List<RigReport> rigs) {
        List<Double> known = rigs.stream()
                .map(r -> r.atEnd().hashrateHs())
                .filter(Objects::nonNull)
                .toList();
        return new CountryTotal(
                key.country(),
                key.claimedBy(),
                key.control(),
                rigs.size(),
                known.stream().mapToDouble(Double::doubleValue).sum(),
                rigs.size() - known.size());
    }

    private RigTimeline timeline(AuditEvent event) {
        return timeline(event.site(), event.rig());
    }

    private RigTimeline timeline(String site, String rig) {
        return rigsBySite
                .computeIfAbsent(site, s -> new TreeMap<>())
                .computeIfAbsent(rig, r -> new RigTimeline(site, r, period));
    }

    /** The timeline of a rig already seen; records about a rig before its first state are not history. */
    private Optional<RigTimeline> known(AuditEvent event) {
        Map<String, RigTimeline> site = event.site() == null ? null : rigsBySite.get(event.site());
        return site == null ? Optional.empty() : Optional.ofNullable(site.get(event.rig()));
    }

    private void policy(AuditEvent event) {
        JsonNode data = event.data();
        PolicyInForce policy = new PolicyInForce(
                data.path("origin").asText(),
                event.time(),
                data.path("near_border_km").asDouble(),
                EventData.restrictions(data.get("restricted")));
        if (event.time().isBefore(period.from())) {
            policyBeforePeriod = policy;
        } else {
            policiesInPeriod.add(policy);
        }
    }

    private PolicyInForce currentPolicy() {
        return policiesInPeriod.isEmpty() ? policyBeforePeriod : policiesInPeriod.get(policiesInPeriod.size() - 1);
    }

    private int inPeriod(AuditEvent event) {
        return period.contains(event.time()) ? 1 : 0;
    }
}
