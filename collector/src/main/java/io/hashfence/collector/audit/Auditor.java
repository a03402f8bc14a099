package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertJson;
import io.hashfence.collector.alert.AlertStatus;
import io.hashfence.collector.alert.Notification;
import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Exemption;
import io.hashfence.collector.compliance.Finding;
import io.hashfence.collector.compliance.FindingKind;
import io.hashfence.collector.compliance.Policy;
import io.hashfence.collector.compliance.PolicyJson;
import io.hashfence.collector.compliance.SpoofSuspicion;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.screening.Screening;
import io.hashfence.collector.screening.ScreeningExemption;
import io.hashfence.collector.screening.ScreeningFinding;
import io.hashfence.protocol.Telemetry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns what happens to rigs, alerts and the policy into event-log records. Remembers, per rig, the
 * state and place it last recorded (rebuilt from the log at start by {@link LogReplay}), so that a restart
 * does not record every rig as first seen again.
 */
public final class Auditor {
    private final EventLog log;
    private final Map<RigKey, RecordedRig> recorded = new ConcurrentHashMap<>();
    private final Map<RigKey, Set<SparedAlert>> spared = new ConcurrentHashMap<>();

    /**
     * @param memory what the log already says of each rig, from {@link LogReplay}
     * @param sparedMemory the screening alerts the log says exemptions spare each rig, from {@link LogReplay}
     */
    public Auditor(EventLog log, Map<RigKey, RecordedRig> memory, Map<RigKey, Set<SparedAlert>> sparedMemory) {
        this.log = log;
        this.recorded.putAll(memory);
        this.spared.putAll(sparedMemory);
    }

    /**
     * Records the screening exemptions that begin or cease to spare a rig an alert with this screening:
     * {@code screening_exemption_applied} with the exemption and the finding it spares, and
     * {@code screening_exemption_ended} with why (the exemption expired, the policy no longer has it, or
     * the finding is gone).
     */
    public void screened(RigKey rig, Screening screening) {
        Map<SparedAlert, ScreeningFinding> now = new LinkedHashMap<>();
        screening.findings().stream()
                .filter(ScreeningFinding::exempted)
                .forEach(finding -> now.putIfAbsent(SparedAlert.of(finding), finding));
        Set<SparedAlert> before = spared.getOrDefault(rig, Set.of());
        if (before.equals(now.keySet())) {
            return;
        }
        for (SparedAlert ended : before) {
            if (!now.containsKey(ended)) {
                ObjectNode data = AuditJson.object();
                ended.write(data);
                data.put("because", whyEnded(ended, screening));
                log.append(EventType.SCREENING_EXEMPTION_ENDED, rig, data);
            }
        }
        now.forEach((applied, finding) -> {
            if (!before.contains(applied)) {
                ObjectNode data = AuditJson.object();
                applied.write(data);
                data.put("severity", finding.severity().label());
                data.put("summary", finding.summary());
                data.put("evidence", finding.evidence());
                log.append(EventType.SCREENING_EXEMPTION_APPLIED, rig, data);
            }
        });
        if (now.isEmpty()) {
            spared.remove(rig);
        } else {
            spared.put(rig, Set.copyOf(now.keySet()));
        }
    }

    private static String whyEnded(SparedAlert ended, Screening screening) {
        if (!screening.at().isBefore(Instant.parse(ended.expires()))) {
            return "expired";
        }
        boolean stillFound =
                screening.findings().stream().anyMatch(f -> f.type().alertName().equals(ended.alert()));
        return stillFound ? "no longer in the policy" : "finding gone";
    }

    /** Records what changed for a rig with this assessment. */
    public void assessed(RigKey rig, Assessment current, Telemetry telemetry) {
        RecordedRig now = recordOf(current);
        RecordedRig before = recorded.put(rig, now);
        if (before == null) {
            ObjectNode data = placeAndState(current, telemetry);
            data.put("model", telemetry.miner().model());
            if (current.state() == ComplianceState.VIOLATION) {
                data.put("evidence", current.evidence());
                data.set("restriction", PolicyJson.restriction(current.restriction()));
            }
            log.append(EventType.RIG_FIRST_SEEN, rig, data);
        } else {
            if (!Objects.equals(before.subdivision(), now.subdivision())
                    || !Objects.equals(before.zone(), now.zone())) {
                ObjectNode data = change(before, current, telemetry);
                log.append(EventType.JURISDICTION_CHANGED, rig, data);
            }
            if (before.state() != now.state()) {
                ObjectNode data = change(before, current, telemetry);
                data.put("evidence", current.evidence());
                if (current.restriction() != null) {
                    data.set("restriction", PolicyJson.restriction(current.restriction()));
                }
                log.append(EventType.COMPLIANCE_STATE_CHANGED, rig, data);
            }
            if (before.exempt() && current.exemption() == null) {
                ObjectNode data = AuditJson.object();
                data.put("state", current.state().label());
                log.append(EventType.EXEMPTION_EXPIRED, rig, data);
            }
        }
        if (current.has(FindingKind.RELOCATED)) {
            ObjectNode data = placeAndState(current, telemetry);
            data.put("detail", detail(current, FindingKind.RELOCATED));
            log.append(EventType.RELOCATED, rig, data);
        }
        boolean conflicted =
                current.hasEffect(FindingKind.Effect.CONFLICTS) || current.has(FindingKind.BEYOND_RTT_BOUND);
        boolean wasConflicted = before != null && (before.trust() == Trust.LOW || before.trust() == Trust.NONE);
        if (conflicted && !wasConflicted) {
            ObjectNode data = placeAndState(current, telemetry);
            ArrayNode findings = data.putArray("findings");
            current.findings().stream()
                    .filter(f -> f.kind().effect() == FindingKind.Effect.CONFLICTS
                            || f.kind() == FindingKind.BEYOND_RTT_BOUND)
                    .forEach(f ->
                            findings.addObject().put("kind", f.kind().label()).put("detail", f.detail()));
            log.append(EventType.EVIDENCE_CONFLICT, rig, data);
        }
    }

    /**
     * An operator cleared a rig's spoofing suspicion by hand.
     *
     * @param by who cleared it, as the API request named them
     */
    public void suspicionCleared(RigKey rig, SpoofSuspicion suspicion, String reason, String by) {
        ObjectNode data = AuditJson.object();
        data.put("suspected_since", suspicion.since().toString());
        data.put("suspicion", suspicion.reason());
        data.put("reason", reason);
        data.put("by", by);
        log.append(EventType.SUSPICION_CLEARED, rig, data);
    }

    /** An alert fired or resolved. */
    public void alertTransition(Notification notification) {
        EventType type =
                notification.transition() == AlertStatus.RESOLVED ? EventType.ALERT_RESOLVED : EventType.ALERT_OPENED;
        log.append(type, notification.alert().rig(), AlertJson.of(notification.alert()));
    }

    public void alertAcknowledged(Alert alert) {
        log.append(EventType.ALERT_ACKNOWLEDGED, alert.rig(), AlertJson.of(alert));
    }

    public void policyLoaded(Policy policy) {
        log.append(EventType.POLICY_LOADED, null, describe(policy));
        policy.exemptions().forEach(this::exemptionAdded);
        policy.screening().exemptions().forEach(this::screeningExemptionAdded);
    }

    public void policyChanged(Policy before, Policy after) {
        ObjectNode data = describe(after);
        ArrayNode added = data.putArray("added");
        after.restrictedCodes().stream()
                .filter(c -> !before.restrictedCodes().contains(c))
                .sorted()
                .forEach(added::add);
        ArrayNode removed = data.putArray("removed");
        before.restrictedCodes().stream()
                .filter(c -> !after.restrictedCodes().contains(c))
                .sorted()
                .forEach(removed::add);
        ArrayNode exemptionsRemoved = data.putArray("exemptions_removed");
        Set<Exemption> kept = Set.copyOf(after.exemptions());
        before.exemptions().stream()
                .filter(e -> !kept.contains(e))
                .forEach(e -> exemptionsRemoved.add(exemptionData(e)));
        Set<ScreeningExemption> keptScreening = Set.copyOf(after.screening().exemptions());
        before.screening().exemptions().stream()
                .filter(e -> !keptScreening.contains(e))
                .forEach(e -> exemptionsRemoved.add(screeningExemptionData(e)));
        log.append(EventType.POLICY_CHANGED, null, data);
        Set<Exemption> known = Set.copyOf(before.exemptions());
        after.exemptions().stream().filter(e -> !known.contains(e)).forEach(this::exemptionAdded);
        Set<ScreeningExemption> knownScreening = Set.copyOf(before.screening().exemptions());
        after.screening().exemptions().stream()
                .filter(e -> !knownScreening.contains(e))
                .forEach(this::screeningExemptionAdded);
    }

    private void exemptionAdded(Exemption exemption) {
        log.append(EventType.EXEMPTION_ADDED, scopeRig(exemption), exemptionData(exemption));
    }

    /** A screening exemption: {@code exemption_added} with {@code screening: true} and the alert it spares. */
    private void screeningExemptionAdded(ScreeningExemption exemption) {
        log.append(EventType.EXEMPTION_ADDED, scopeRig(exemption.exemption()), screeningExemptionData(exemption));
    }

    private static RigKey scopeRig(Exemption exemption) {
        return exemption.rig() == null ? null : new RigKey(exemption.site(), exemption.rig());
    }

    private static ObjectNode exemptionData(Exemption exemption) {
        ObjectNode data = PolicyJson.exemption(exemption);
        if (exemption.rig() == null) {
            data.put("site", exemption.site().value());
        }
        return data;
    }

    private static ObjectNode screeningExemptionData(ScreeningExemption exemption) {
        ObjectNode data = exemptionData(exemption.exemption());
        data.put("screening", true);
        data.put(
                "alert",
                exemption.alert() == null
                        ? "every screening alert"
                        : exemption.alert().alertName());
        return data;
    }

    private static ObjectNode describe(Policy policy) {
        ObjectNode data = AuditJson.object();
        data.put("origin", policy.origin());
        data.put("near_border_km", policy.nearBorderKm());
        ArrayNode restricted = data.putArray("restricted");
        policy.restrictions().stream()
                .sorted((a, b) ->
                        a.jurisdiction().code().compareTo(b.jurisdiction().code()))
                .forEach(r -> restricted.add(PolicyJson.restriction(r)));
        data.put("exemptions", policy.exemptions().size());
        data.put("screening_exemptions", policy.screening().exemptions().size());
        return data;
    }

    private static ObjectNode change(RecordedRig before, Assessment current, Telemetry telemetry) {
        ObjectNode data = AuditJson.object();
        before.putStateAndPlace(data.putObject("from"));
        data.set("to", placeAndState(current, telemetry));
        return data;
    }

    private static ObjectNode placeAndState(Assessment a, Telemetry telemetry) {
        ObjectNode node = AuditJson.object();
        recordOf(a).putStateAndPlace(node);
        if (a.lat() != null) {
            node.put("lat", a.lat());
            node.put("lon", a.lon());
        }
        if (a.borderKm() != null) {
            node.put("border_km", Math.round(a.borderKm() * 100) / 100.0);
        }
        node.put("hashrate_hs", telemetry.hashrate());
        if (a.exemption() != null) {
            node.put("exemption", a.exemption().reason());
        }
        return node;
    }

    private static RecordedRig recordOf(Assessment a) {
        String country = a.where() == null || a.where().country() == null
                ? null
                : a.where().country().code();
        String subdivision = a.where() == null || a.where().subdivision() == null
                ? null
                : a.where().subdivision().code();
        String zone = a.where() == null ? null : a.where().zone().name().toLowerCase(Locale.ROOT);
        return new RecordedRig(
                a.state(),
                a.trust(),
                country,
                subdivision,
                zone,
                a.exemption() != null,
                a.lat(),
                a.lon(),
                RecordedRig.Claim.of(a.where()));
    }

    private static String detail(Assessment a, FindingKind kind) {
        return a.findings().stream()
                .filter(f -> f.kind() == kind)
                .map(Finding::detail)
                .collect(Collectors.joining("; "));
    }
}
