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
import io.hashfence.protocol.Telemetry;
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

    /** @param memory what the log already says of each rig, from {@link LogReplay} */
    public Auditor(EventLog log, Map<RigKey, RecordedRig> memory) {
        this.log = log;
        this.recorded.putAll(memory);
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
        log.append(EventType.POLICY_CHANGED, null, data);
        Set<Exemption> known = Set.copyOf(before.exemptions());
        after.exemptions().stream().filter(e -> !known.contains(e)).forEach(this::exemptionAdded);
    }

    private void exemptionAdded(Exemption exemption) {
        ObjectNode data = PolicyJson.exemption(exemption);
        RigKey rig = exemption.rig() == null ? null : new RigKey(exemption.site(), exemption.rig());
        if (rig == null) {
            data.put("site", exemption.site().value());
        }
        log.append(EventType.EXEMPTION_ADDED, rig, data);
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
