package io.hashfence.collector.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.audit.AuditEvent;
import io.hashfence.collector.audit.AuditKey;
import io.hashfence.collector.audit.Checkpoint;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.audit.EventType;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds an event-log history in time order, for the builder directly or written as a real, hash-chained log. */
final class FleetHistory {
    private record Entry(Instant time, EventType type, String site, String rig, ObjectNode data) {}

    private final List<Entry> entries = new ArrayList<>();

    FleetHistory policy(String time, String origin, String... codes) {
        ObjectNode data = Where.JSON.createObjectNode();
        data.put("origin", origin);
        data.put("near_border_km", 25.0);
        ArrayNode restricted = data.putArray("restricted");
        for (String code : codes) {
            restricted.add(restriction(code));
        }
        data.put("exemptions", 0);
        return add(time, EventType.POLICY_LOADED, null, null, data);
    }

    FleetHistory firstSeen(String time, String site, String rig, Where where) {
        ObjectNode data = where.json();
        data.put("model", "Antminer S19");
        return add(time, EventType.RIG_FIRST_SEEN, site, rig, data);
    }

    /** jurisdiction_changed, as the collector writes when a rig's subdivision or zone changes. */
    FleetHistory moved(String time, String site, String rig, Where from, Where to) {
        return add(time, EventType.JURISDICTION_CHANGED, site, rig, change(from, to));
    }

    /** compliance_state_changed, with the restriction when the rig is now in violation. */
    FleetHistory stateChanged(
            String time, String site, String rig, Where from, Where to, String evidence, String restrictionCode) {
        ObjectNode data = change(from, to);
        data.put("evidence", evidence);
        if (restrictionCode != null) {
            data.set("restriction", restriction(restrictionCode));
        }
        return add(time, EventType.COMPLIANCE_STATE_CHANGED, site, rig, data);
    }

    FleetHistory evidenceConflict(String time, String site, String rig, Where where) {
        ObjectNode data = where.json();
        data.putArray("findings").addObject().put("kind", "frozen_coordinates").put("detail", "20 identical fixes");
        return add(time, EventType.EVIDENCE_CONFLICT, site, rig, data);
    }

    FleetHistory relocated(String time, String site, String rig, Where where) {
        ObjectNode data = where.json();
        data.put("detail", "moved 3.2 km");
        return add(time, EventType.RELOCATED, site, rig, data);
    }

    /** An alert transition, its JSON as the collector writes it. */
    FleetHistory alert(String time, EventType type, String site, String rig) {
        ObjectNode data = Where.JSON.createObjectNode();
        data.put("id", site + "/" + rig);
        data.put("alertname", "RigInRestrictedJurisdiction");
        data.put("status", type == EventType.ALERT_RESOLVED ? "resolved" : "firing");
        data.put("severity", "critical");
        data.put("site", site);
        data.put("rig", rig);
        data.put("country", "RU");
        data.put("subdivision", "RU-IRK");
        data.put("summary", "rig in a restricted jurisdiction");
        data.put("evidence", "gps_fix");
        data.put("trust", "high");
        data.put("opened_at", time);
        data.put("fired_at", time);
        return add(time, type, site, rig, data);
    }

    FleetHistory add(String time, EventType type, String site, String rig, ObjectNode data) {
        entries.add(new Entry(Instant.parse(time), type, site, rig, data));
        return this;
    }

    /** The records as the verifier would hand them over (the hashes are not real here). */
    List<AuditEvent> events() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            events.add(new AuditEvent(
                    i + 1, e.time(), e.type(), e.site(), e.rig(), e.data(), "0".repeat(64), "%064d".formatted(i + 1)));
        }
        return events;
    }

    Report report(String from, String to) {
        ReportBuilder builder = new ReportBuilder(new ReportPeriod(Instant.parse(from), Instant.parse(to)));
        events().forEach(builder);
        return builder.build(
                new ChainHead("ab".repeat(32), entries.size(), entries.size()), Instant.parse("2030-01-01T00:00:00Z"));
    }

    /** Writes the history as a real event log in {@code dataDir}; returns the log's head hash. */
    String writeTo(Path dataDir) throws Exception {
        MutableClock clock = new MutableClock(entries.get(0).time());
        EventLog log = EventLog.open(dataDir, clock, e -> {});
        try {
            for (Entry e : entries) {
                clock.advance(Duration.between(clock.instant(), e.time()));
                RigKey rig = e.rig() == null ? null : new RigKey(SiteId.of(e.site()), RigId.of(e.rig()));
                log.durable(log.append(e.type(), rig, e.data())).get();
            }
            return log.headHash();
        } finally {
            log.close();
        }
    }

    /** Retention as the collector runs it: records before {@code cutoff} become a signed checkpoint. */
    static Checkpoint compact(Path dataDir, String cutoff) throws Exception {
        Instant at = Instant.parse(cutoff);
        try (EventLog log = EventLog.open(dataDir, new MutableClock(at), e -> {})) {
            return log.compact(at, AuditKey.loadOrCreate(dataDir)).orElseThrow();
        }
    }

    private static ObjectNode change(Where from, Where to) {
        ObjectNode data = Where.JSON.createObjectNode();
        data.set("from", from.fromJson());
        data.set("to", to.json());
        return data;
    }

    private static ObjectNode restriction(String code) {
        return Where.JSON
                .createObjectNode()
                .put("code", code)
                .put("severity", "critical")
                .put("reason", "restricted by policy: " + code);
    }
}
