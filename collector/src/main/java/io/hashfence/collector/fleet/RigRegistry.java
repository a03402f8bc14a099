package io.hashfence.collector.fleet;

import io.hashfence.collector.config.FleetConfig;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The latest state of every rig, indexed by site. A rig is up while the connection that last reported
 * it is open and it has reported within {@code missedIntervals} of its interval; liveness is computed
 * when asked, so no timer has to walk the fleet. Beside the records, the rigs' keys are kept sorted (site, then
 * rig), added once when a rig is first known, so that a {@link #page} walks only the rigs it returns (and those a
 * filter skips) instead of copying and sorting the fleet.
 */
public final class RigRegistry {
    private static final Comparator<SiteId> SITE_ORDER = Comparator.comparing(SiteId::value);
    private static final Comparator<RigId> RIG_ORDER = Comparator.comparing(RigId::value);

    private final Clock clock;
    private final FleetConfig config;
    private final SequenceWindows seen;
    private final Map<SiteId, Map<RigId, RigRecord>> sites = new ConcurrentHashMap<>();
    private final NavigableMap<SiteId, NavigableSet<RigId>> order = new ConcurrentSkipListMap<>(SITE_ORDER);
    private final AtomicLong changes = new AtomicLong();

    public RigRegistry(Clock clock, FleetConfig config, SequenceWindows seen) {
        this.clock = clock;
        this.config = config;
        this.seen = seen;
    }

    /** Records a sample unless its (site, rig, sequence) arrived before; says what it changed. */
    public Recorded record(Telemetry telemetry, long connectionId) {
        Instant now = clock.instant();
        Duration interval = telemetry.interval() != null ? telemetry.interval() : config.defaultInterval();
        RigKey key = new RigKey(telemetry.site(), telemetry.rig());
        Recorded[] outcome = new Recorded[1];
        Map<RigId, RigRecord> rigs = sites.computeIfAbsent(telemetry.site(), site -> new ConcurrentHashMap<>());
        if (!rigs.containsKey(telemetry.rig()) && rigs.size() >= config.maxRigsPerSite()) {
            return Recorded.OVER_QUOTA;
        }
        if (!seen.markNew(key, telemetry.seq())) {
            return Recorded.DUPLICATE;
        }
        changes.incrementAndGet();
        rigs.compute(telemetry.rig(), (rig, known) -> {
            if (known == null) {
                outcome[0] = Recorded.NEWEST;
                putInOrder(key);
                return new RigRecord(key, telemetry, now, now, interval, connectionId, true);
            }
            boolean newest = !telemetry.time().isBefore(known.latest().time());
            outcome[0] = newest ? Recorded.NEWEST : Recorded.OLDER;
            return new RigRecord(
                    key, newest ? telemetry : known.latest(), known.firstSeen(), now, interval, connectionId, true);
        });
        return outcome[0];
    }

    /**
     * Puts back a rig known before a restart, down (no connection reports it) until it reports again. A rig
     * that has reported since is left as it is.
     */
    public void restore(RigRecord known) {
        RigRecord before = sites.computeIfAbsent(known.key().site(), site -> new ConcurrentHashMap<>())
                .putIfAbsent(known.key().rig(), known.disconnected());
        if (before == null) {
            putInOrder(known.key());
        }
    }

    private void putInOrder(RigKey key) {
        order.computeIfAbsent(key.site(), site -> new ConcurrentSkipListSet<>(RIG_ORDER))
                .add(key.rig());
    }

    /** Grows with every sample recorded, so that a snapshot can tell whether anything changed since it. */
    public long changes() {
        return changes.get();
    }

    /** The agent connection closed (or declared itself offline): the rigs it reported are down. */
    public void connectionClosed(SiteId site, long connectionId) {
        Map<RigId, RigRecord> rigs = sites.get(site);
        if (rigs == null) {
            return;
        }
        rigs.replaceAll((rig, known) -> known.connectionId() == connectionId ? known.disconnected() : known);
    }

    public Optional<RigRecord> find(RigKey key) {
        Map<RigId, RigRecord> rigs = sites.get(key.site());
        return rigs == null ? Optional.empty() : Optional.ofNullable(rigs.get(key.rig()));
    }

    /**
     * Up to {@code limit} rigs that pass {@code filter}, in (site, rig) order, starting after {@code after}
     * (exclusive; null for the first page) and, with {@code onlySite}, within that site (null for every site).
     * The walk reads the sorted keys from the starting point on: a rig that arrives or leaves meanwhile neither
     * repeats nor shifts the others, because the position is a key, not an offset. Its cost is the rigs it
     * returns plus those {@code filter} turns down on the way.
     */
    public List<RigRecord> page(RigKey after, SiteId onlySite, Predicate<RigRecord> filter, int limit) {
        List<RigRecord> page = new ArrayList<>(Math.min(limit, 1024));
        SiteId firstSite = after == null ? onlySite : later(after.site(), onlySite);
        NavigableMap<SiteId, NavigableSet<RigId>> fromSite = firstSite == null ? order : order.tailMap(firstSite, true);
        for (Map.Entry<SiteId, NavigableSet<RigId>> site : fromSite.entrySet()) {
            if (onlySite != null && !site.getKey().equals(onlySite)) {
                break;
            }
            NavigableSet<RigId> rigs = after != null && site.getKey().equals(after.site())
                    ? site.getValue().tailSet(after.rig(), false)
                    : site.getValue();
            Map<RigId, RigRecord> records = sites.get(site.getKey());
            for (RigId rig : rigs) {
                RigRecord record = records.get(rig);
                if (record != null && filter.test(record)) {
                    page.add(record);
                    if (page.size() == limit) {
                        return page;
                    }
                }
            }
        }
        return page;
    }

    private static SiteId later(SiteId a, SiteId b) {
        return b == null || SITE_ORDER.compare(a, b) >= 0 ? a : b;
    }

    public List<RigRecord> all() {
        List<RigRecord> all = new ArrayList<>();
        sites.values().forEach(rigs -> all.addAll(rigs.values()));
        return all;
    }

    /**
     * Whether the rig's connection is open and it reported within its missed-interval limit. Asked for every rig at
     * every scrape, so the limit is worked out in whole seconds and nanoseconds, not with
     * {@link Duration#multipliedBy}, which goes through {@code BigDecimal}.
     */
    public boolean isUp(RigRecord rig) {
        return isUp(rig, clock.instant());
    }

    /** Whether rigs are up, all judged at one reading of the clock: for a caller asking of many rigs at once. */
    public Predicate<RigRecord> upAsOfNow() {
        Instant now = clock.instant();
        return rig -> isUp(rig, now);
    }

    private boolean isUp(RigRecord rig, Instant now) {
        if (!rig.connected()) {
            return false;
        }
        Duration silence = Duration.between(rig.lastSeen(), now);
        int missed = config.missedIntervals();
        Duration limit = Duration.ofSeconds(
                Math.multiplyExact(rig.interval().getSeconds(), missed),
                (long) rig.interval().getNano() * missed);
        return silence.compareTo(limit) <= 0;
    }

    public int size() {
        return sites.values().stream().mapToInt(Map::size).sum();
    }
}
