package io.hashfence.collector.alert;

import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.fleet.RigKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every open alert, one per (rig, type). A condition opens an alert that fires once it has held for the
 * dwell time; a fired alert resolves once its condition has been gone for {@code resolveAfter}
 * (hysteresis), and a relocation alert after {@code relocatedHold}. Transitions are computed atomically
 * per (rig, type), so two racing messages cannot open two alerts or notify twice.
 */
public final class AlertBook {
    private static final int RESOLVED_KEPT = 1000;
    /** The alert types the compliance engine's assessment decides. */
    private static final Set<AlertType> LOCATION_TYPES =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.copyOf(AlertType.SCREENING)));

    private final AlertConfig config;
    private final Clock clock;
    private final Consumer<Notification> notifier;
    private final Map<Key, Tracked> active = new ConcurrentHashMap<>();
    private final Deque<Alert> resolved = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private final String idPrefix;

    private record Key(RigKey rig, AlertType type) {}

    /** An open alert and what is known of its condition. */
    private record Tracked(Alert alert, Instant conditionSeen, Instant clearingSince) {}

    public AlertBook(AlertConfig config, Clock clock, Consumer<Notification> notifier) {
        this(config, clock, notifier, "alert-");
    }

    /**
     * @param idPrefix what each alert id starts with before its number: {@code alert-}, or with a shared store
     *                 {@code alert-NODE-}, so that collectors sharing alerts never give two the same id
     */
    public AlertBook(AlertConfig config, Clock clock, Consumer<Notification> notifier, String idPrefix) {
        this.config = config;
        this.clock = clock;
        this.notifier = notifier;
        this.idPrefix = idPrefix;
    }

    /** Applies a rig's latest assessment. */
    public void update(RigKey rig, Assessment assessment) {
        update(rig, AlertConditions.of(assessment), LOCATION_TYPES);
    }

    /**
     * Applies the conditions one stage found for a rig: alert types in {@code scope} without a condition
     * start to clear; types outside it are left alone (they belong to another stage).
     */
    public void update(RigKey rig, Map<AlertType, Condition> conditions, Set<AlertType> scope) {
        Instant now = clock.instant();
        List<Notification> out = new ArrayList<>();
        for (AlertType type : scope) {
            Condition condition = conditions.get(type);
            Key key = new Key(rig, type);
            if (condition == null && !active.containsKey(key)) {
                continue;
            }
            active.compute(key, (k, tracked) -> apply(k, tracked, condition, now, out));
        }
        out.forEach(notifier);
    }

    /** Time-driven transitions: dwell elapsed, hysteresis elapsed, relocation hold elapsed. */
    public void tick() {
        Instant now = clock.instant();
        List<Notification> out = new ArrayList<>();
        for (Key key : active.keySet()) {
            active.computeIfPresent(key, (k, tracked) -> advance(tracked, now, out));
        }
        out.forEach(notifier);
    }

    private Tracked apply(Key key, Tracked tracked, Condition condition, Instant now, List<Notification> out) {
        if (tracked == null) {
            return condition == null ? null : advance(open(key, condition, now), now, out);
        }
        if (condition != null) {
            if (!sameLabels(tracked.alert(), condition)) {
                resolve(tracked, now, out);
                return advance(open(key, condition, now), now, out);
            }
            return advance(new Tracked(tracked.alert().withEvidence(condition), now, null), now, out);
        }
        if (key.type() == AlertType.RELOCATED) {
            return advance(tracked, now, out);
        }
        if (tracked.alert().status() == AlertStatus.PENDING) {
            return null;
        }
        Instant clearing = tracked.clearingSince() == null ? now : tracked.clearingSince();
        return advance(new Tracked(tracked.alert(), tracked.conditionSeen(), clearing), now, out);
    }

    private Tracked open(Key key, Condition condition, Instant now) {
        Alert alert = Alert.builder()
                .id(idPrefix + ids.incrementAndGet())
                .rig(key.rig())
                .type(key.type())
                .status(AlertStatus.PENDING)
                .condition(condition)
                .openedAt(now)
                .build();
        return new Tracked(alert, now, null);
    }

    private Tracked advance(Tracked tracked, Instant now, List<Notification> out) {
        Alert alert = tracked.alert();
        if (alert.status() == AlertStatus.PENDING && elapsed(alert.openedAt(), now, config.dwell())) {
            Alert firing = alert.withStatus(AlertStatus.FIRING, now);
            out.add(notification(AlertStatus.FIRING, firing, now));
            return new Tracked(firing, tracked.conditionSeen(), tracked.clearingSince());
        }
        boolean relocationOver =
                alert.type() == AlertType.RELOCATED && elapsed(tracked.conditionSeen(), now, config.relocatedHold());
        boolean cleared =
                tracked.clearingSince() != null && elapsed(tracked.clearingSince(), now, config.resolveAfter());
        if (alert.status() == AlertStatus.FIRING && (relocationOver || cleared)) {
            resolve(tracked, now, out);
            return null;
        }
        return tracked;
    }

    private void resolve(Tracked tracked, Instant now, List<Notification> out) {
        if (tracked.alert().status() != AlertStatus.FIRING) {
            return;
        }
        Alert done = tracked.alert().withStatus(AlertStatus.RESOLVED, now);
        out.add(notification(AlertStatus.RESOLVED, done, now));
        synchronized (resolved) {
            resolved.addFirst(done);
            if (resolved.size() > RESOLVED_KEPT) {
                resolved.removeLast();
            }
        }
    }

    private Notification notification(AlertStatus transition, Alert alert, Instant now) {
        return new Notification(alert.id() + "-" + transition.label(), transition, alert, now);
    }

    private static boolean sameLabels(Alert alert, Condition condition) {
        return alert.severity() == condition.severity()
                && alert.country().equals(condition.country())
                && alert.subdivision().equals(condition.subdivision());
    }

    private static boolean elapsed(Instant since, Instant now, Duration duration) {
        return !Duration.between(since, now).minus(duration).isNegative();
    }

    /**
     * Takes back the alerts that were open when the collector stopped, as the event log recorded them, so
     * that a restart neither forgets them nor notifies them again.
     */
    public void restore(Collection<Alert> open, long highestAlertNumber) {
        ids.accumulateAndGet(highestAlertNumber, Math::max);
        for (Alert alert : open) {
            active.put(new Key(alert.rig(), alert.type()), new Tracked(alert, clock.instant(), null));
            ids.accumulateAndGet(AlertJson.number(alert.id()), Math::max);
        }
    }

    /**
     * Takes over firing alerts another collector kept for a site that now reports here (shared store), under
     * their ids and without notifying them again: a condition that still holds keeps them firing, one that is
     * gone resolves them as usual. An alert this book already fires for the same rig and type is kept.
     */
    public void adopt(Collection<Alert> firing) {
        Instant now = clock.instant();
        for (Alert alert : firing) {
            active.compute(
                    new Key(alert.rig(), alert.type()),
                    (key, tracked) -> tracked == null || tracked.alert().status() == AlertStatus.PENDING
                            ? new Tracked(alert, now, null)
                            : tracked);
        }
    }

    /** Firing and pending alerts. */
    public List<Alert> open() {
        return active.values().stream().map(Tracked::alert).toList();
    }

    /** Whether the rig has an open (pending or firing) alert of any type; a lookup per type, no walk. */
    public boolean hasOpen(RigKey rig) {
        for (AlertType type : AlertType.values()) {
            if (active.containsKey(new Key(rig, type))) {
                return true;
            }
        }
        return false;
    }

    /** Hands every open alert to {@code each}, in no particular order, without copying them first. */
    public void forEachOpen(Consumer<Alert> each) {
        active.values().forEach(tracked -> each.accept(tracked.alert()));
    }

    public List<Alert> firing() {
        return active.values().stream()
                .map(Tracked::alert)
                .filter(a -> a.status() == AlertStatus.FIRING)
                .toList();
    }

    /** The most recently resolved alerts, newest first (at most 1,000). */
    public List<Alert> recentlyResolved() {
        synchronized (resolved) {
            return List.copyOf(resolved);
        }
    }

    public Optional<Alert> find(String id) {
        return all().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    private Collection<Alert> all() {
        List<Alert> all = new ArrayList<>(open());
        all.addAll(recentlyResolved());
        return all;
    }

    /** Marks an open alert acknowledged; empty if no open alert has this id. */
    public Optional<Alert> acknowledge(String id, String by) {
        Instant now = clock.instant();
        for (Key key : active.keySet()) {
            Tracked updated = active.computeIfPresent(
                    key,
                    (k, tracked) -> tracked.alert().id().equals(id)
                            ? new Tracked(
                                    tracked.alert().acknowledged(by, now),
                                    tracked.conditionSeen(),
                                    tracked.clearingSince())
                            : tracked);
            if (updated != null && updated.alert().id().equals(id)) {
                return Optional.of(updated.alert());
            }
        }
        return Optional.empty();
    }
}
