package io.hashfence.collector.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The policy's exemptions over the event log, for the report: when each was granted ({@code exemption_added})
 * and withdrawn, and which screening alerts it spared which rigs ({@code screening_exemption_applied} and
 * {@code _ended}).
 *
 * <p>A collector records every exemption of the policy again after each {@code policy_loaded} (its start), and
 * on {@code policy_changed} those added and, in {@code exemptions_removed}, those withdrawn. So an exemption in
 * force before a load and not recorded again after it was withdrawn while the collector was down: it counts
 * as withdrawn when that load happened.
 */
final class ExemptionLedger {
    static final String LOCATION = "location restrictions";
    private static final String EVERY_SCREENING_ALERT = "every screening alert";

    /** What names an exemption in the log's records. */
    private record Key(String spares, String scope, String reason, String expires) {
        static Key of(JsonNode data) {
            String spares = data.path("screening").asBoolean() ? EventData.text(data, "alert") : LOCATION;
            return new Key(
                    spares,
                    EventData.text(data, "scope"),
                    EventData.text(data, "reason"),
                    EventData.text(data, "expires"));
        }

        boolean spares(String alert) {
            return spares.equals(alert) || spares.equals(EVERY_SCREENING_ALERT);
        }
    }

    private static final class Entry {
        private final Key key;
        private final Instant grantedAt;
        private Instant withdrawnAt;
        private final Map<String, SparedScreeningAlert> spared = new LinkedHashMap<>();

        Entry(Key key, Instant grantedAt) {
            this.key = key;
            this.grantedAt = grantedAt;
        }

        ExemptionInForce inForce(ReportPeriod period) {
            List<SparedScreeningAlert> inPeriod = spared.values().stream()
                    .filter(s -> s.from().isBefore(period.to()))
                    .filter(s -> s.until() == null || !s.until().isBefore(period.from()))
                    .toList();
            return new ExemptionInForce(
                    key.spares(),
                    key.scope(),
                    key.reason(),
                    Instant.parse(key.expires()),
                    grantedAt,
                    withdrawnAt,
                    inPeriod);
        }
    }

    private final ReportPeriod period;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Key, Entry> current = new LinkedHashMap<>();
    private Set<Key> awaitingRecord = Set.of();
    private Instant loadedAt;

    ExemptionLedger(ReportPeriod period) {
        this.period = Objects.requireNonNull(period, "period");
    }

    void policyLoaded(AuditEvent event) {
        settleLoad();
        awaitingRecord = new HashSet<>(current.keySet());
        loadedAt = event.time();
    }

    void policyChanged(AuditEvent event) {
        settleLoad();
        for (JsonNode removed : event.data().path("exemptions_removed")) {
            withdraw(Key.of(removed), event.time());
        }
    }

    void added(AuditEvent event) {
        Key key = Key.of(event.data());
        if (awaitingRecord.remove(key) || current.containsKey(key)) {
            return;
        }
        grant(key, event.time());
    }

    void applied(AuditEvent event) {
        JsonNode data = event.data();
        String alert = EventData.text(data, "alert");
        Entry entry = sparing(data, alert);
        entry.spared.put(
                event.site() + "/" + event.rig() + "/" + alert,
                new SparedScreeningAlert(
                        event.site(),
                        event.rig(),
                        alert,
                        EventData.text(data, "severity"),
                        EventData.text(data, "summary"),
                        EventData.text(data, "evidence"),
                        event.time(),
                        null,
                        null));
    }

    void ended(AuditEvent event) {
        JsonNode data = event.data();
        String use = event.site() + "/" + event.rig() + "/" + EventData.text(data, "alert");
        for (int i = entries.size() - 1; i >= 0; i--) {
            SparedScreeningAlert ended = entries.get(i)
                    .spared
                    .computeIfPresent(use, (id, spared) -> spared.ended(event.time(), EventData.text(data, "because")));
            if (ended != null) {
                return;
            }
        }
    }

    /** Every exemption in force at some time in the period, in the order they were granted. */
    List<ExemptionInForce> inForce() {
        settleLoad();
        return entries.stream()
                .filter(e -> e.grantedAt == null || e.grantedAt.isBefore(period.to()))
                .map(e -> e.inForce(period))
                .filter(e -> !e.endedAt().isBefore(period.from()))
                .toList();
    }

    /**
     * The exemption an applied record names. One granted before the log's first record (compacted away) is
     * known only from these records.
     */
    private Entry sparing(JsonNode data, String alert) {
        Key named = Key.of(data);
        return current.values().stream()
                .filter(e -> e.key.scope().equals(named.scope())
                        && e.key.reason().equals(named.reason())
                        && e.key.expires().equals(named.expires())
                        && e.key.spares(alert))
                .findFirst()
                .orElseGet(() -> grant(new Key(alert, named.scope(), named.reason(), named.expires()), null));
    }

    private Entry grant(Key key, Instant at) {
        Entry entry = new Entry(key, at);
        entries.add(entry);
        current.put(key, entry);
        return entry;
    }

    private void withdraw(Key key, Instant at) {
        Entry entry = current.remove(key);
        if (entry != null) {
            entry.withdrawnAt = at;
        }
    }

    private void settleLoad() {
        for (Key notRecordedAgain : awaitingRecord) {
            withdraw(notRecordedAgain, loadedAt);
        }
        awaitingRecord = Set.of();
    }
}
