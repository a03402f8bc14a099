package io.hashfence.collector.http;

import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ComplianceEngine.RigCompliance;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRecord;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.protocol.Fan;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.Temperature;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Per-rig metrics, written from the registry and the compliance engine at scrape time, one shard of the fleet at a
 * time ({@link MetricsShard}): no meter objects per rig, so a fleet of 100,000 rigs costs memory only in those two,
 * and no snapshot object per sample, so a scrape costs the bytes it writes; and those bytes go out in the pieces they
 * were written in (one row of pieces per family, {@link ExpositionText#inPieces}), never joined into one array. A
 * large shard is written in parts side by side on the {@link ScrapeWorkers}, joined family by family; a gzipped one
 * is deflated as it is written, in the same parts. Every series is labelled {@code site} and {@code rig}; the
 * compliance state and the miner status are one series per rig whose {@code state} label changes, so the
 * cardinality stays one series per rig per metric. Labels are written in name order, as the Prometheus client
 * writes them.
 */
public final class FleetMetrics {
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
    static final String INFO = "hashfence_rig_info";

    /** The families in the order they are written, with their help texts. */
    private enum Family {
        HASHRATE_FAMILY(HASHRATE, "Rig hashrate reported by its miner, in hashes per second"),
        POWER_FAMILY(POWER, "Rig power draw in watts, from the source named in the telemetry"),
        UP_FAMILY(UP, "1 while the rig's agent is connected and the rig reports within its missed-interval limit"),
        MINER_STATUS_FAMILY(
                MINER_STATUS,
                "1 for what the rig's miner was doing in its latest telemetry (label state: mining, idle, error,"
                        + " unreachable)"),
        LAST_SEEN_FAMILY(LAST_SEEN, "When the collector last received telemetry from the rig, as a Unix time"),
        TEMPERATURE_FAMILY(TEMPERATURE, "The hottest temperature sensor of the rig"),
        FAN_MIN_FAMILY(FAN_MIN, "The slowest fan of the rig, in revolutions per minute (a stopped fan shows as 0)"),
        STATE_FAMILY(STATE, "1 for the rig's compliance state (label state: compliant, warning, violation, unknown)"),
        STATE_SINCE_FAMILY(STATE_SINCE, "Since when the rig has been in its current compliance state, as a Unix time"),
        TRUST_FAMILY(TRUST, "Trust in the rig's location claim: 0 none, 1 low, 2 medium, 3 high"),
        LATITUDE_FAMILY(LATITUDE, "The rig's claimed latitude (WGS84)"),
        LONGITUDE_FAMILY(LONGITUDE, "The rig's claimed longitude (WGS84)"),
        INFO_FAMILY(
                INFO,
                "Rig facts: miner type and model, active pool, and the country and subdivision it claims to be in"
                        + " (claimed_by: the state claiming that land, where disputed)");

        private final String metric;
        private final String help;
        /** The name and the opening brace that begin each of the family's series, as bytes to copy. */
        private final byte[] seriesStart;

        Family(String metric, String help) {
            this.metric = metric;
            this.help = help;
            this.seriesStart = (metric + "{").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Fewer rigs than this per part are not worth a thread of their own. */
    private static final int MIN_RIGS_PER_PART = 2_000;

    private final RigRegistry registry;
    private final ComplianceEngine compliance;
    private final ScrapeWorkers workers;
    /** The shards' members for the latest shard count asked, worked out again when the fleet grows. */
    private volatile ShardMembers members;

    public FleetMetrics(RigRegistry registry, ComplianceEngine compliance, ScrapeWorkers workers) {
        this.registry = registry;
        this.compliance = compliance;
        this.workers = workers;
    }

    /**
     * The per-rig families for the rigs of one shard, in Prometheus text format 0.0.4, coded as {@code coding}: in
     * pieces sent in order, which the caller owns; plain text in buffers from {@code allocator}, or one gzip member
     * deflated as it was written ({@link GzipMember}), so that a gzipped shard never holds its plain text.
     */
    public List<ByteBuf> exposition(MetricsShard shard, ByteBufAllocator allocator, ContentCoding coding) {
        List<RigRecord> rigs = rigsOf(shard);
        int parts = Math.max(1, Math.min(workers.threads(), rigs.size() / MIN_RIGS_PER_PART));
        Supplier<ExpositionText> newText =
                coding == ContentCoding.GZIP ? ExpositionText::deflated : () -> ExpositionText.inPieces(allocator);
        List<Callable<ExpositionText[]>> tasks = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            List<RigRecord> partRigs = rigs.subList(rigs.size() * part / parts, rigs.size() * (part + 1) / parts);
            boolean opensFamilies = part == 0;
            tasks.add(() -> write(partRigs, newText, opensFamilies));
        }
        List<ExpositionText[]> written = workers.runAll(tasks, FleetMetrics::release);
        return coding == ContentCoding.GZIP ? gzipMember(written) : pieces(written);
    }

    /** The parts' pieces, family by family. */
    private static List<ByteBuf> pieces(List<ExpositionText[]> written) {
        List<ByteBuf> pieces = new ArrayList<>();
        for (Family family : Family.values()) {
            for (ExpositionText[] part : written) {
                pieces.addAll(part[family.ordinal()].takePieces());
            }
        }
        return pieces;
    }

    /** The parts' runs of deflate, family by family, as one gzip member. */
    private static List<ByteBuf> gzipMember(List<ExpositionText[]> written) {
        List<DeflatedRun.Finished> runs = new ArrayList<>();
        try {
            for (Family family : Family.values()) {
                for (ExpositionText[] part : written) {
                    runs.add(part[family.ordinal()].finishRun());
                }
            }
        } catch (RuntimeException | Error e) {
            runs.forEach(run -> run.deflated().release());
            written.forEach(FleetMetrics::release);
            throw e;
        }
        return GzipMember.of(runs);
    }

    /**
     * One part of a shard's rigs, one text per family; the first part's texts open with the families' HELP and TYPE
     * lines, and the parts' texts follow each other family by family.
     */
    private ExpositionText[] write(List<RigRecord> rigs, Supplier<ExpositionText> newText, boolean opensFamilies) {
        Family[] families = Family.values();
        ExpositionText[] texts = new ExpositionText[families.length];
        try {
            for (Family family : families) {
                ExpositionText text = newText.get();
                texts[family.ordinal()] = opensFamilies ? text.gaugeFamily(family.metric, family.help) : text;
            }
            ExpositionText rigLabels = new ExpositionText(160);
            SharedLabelValues shared = new SharedLabelValues();
            Predicate<RigRecord> up = registry.upAsOfNow();
            for (RigRecord rig : rigs) {
                rigLabels.clear();
                rigLabels
                        .label("rig", rig.key().rig().value())
                        .ascii(",")
                        .label("site", shared.escaped(rig.key().site().value()));
                write(rig, up.test(rig), rigLabels, shared, texts);
            }
            return texts;
        } catch (RuntimeException | Error e) {
            release(texts);
            throw e;
        }
    }

    private static void release(ExpositionText[] texts) {
        for (ExpositionText text : texts) {
            if (text != null) {
                text.release();
            }
        }
    }

    /** The shard's rigs as the registry holds them now, found through the shards' members ({@link ShardMembers}). */
    private List<RigRecord> rigsOf(MetricsShard shard) {
        if (shard.of() == 1) {
            return registry.all();
        }
        ShardMembers known = members;
        if (known == null || !known.holdFor(shard.of(), registry.size())) {
            known = ShardMembers.of(registry.all(), shard.of());
            members = known;
        }
        List<RigKey> keys = known.rigsOf(shard);
        List<RigRecord> rigs = new ArrayList<>(keys.size());
        for (RigKey key : keys) {
            registry.find(key).ifPresent(rigs::add);
        }
        return rigs;
    }

    /**
     * One rig's samples, each appended to its family's text. Lists are walked by index: a for-each would make an
     * iterator per rig and scrape.
     */
    private void write(
            RigRecord rig, boolean up, ExpositionText rigLabels, SharedLabelValues shared, ExpositionText[] texts) {
        Telemetry latest = rig.latest();
        sample(texts, Family.HASHRATE_FAMILY, rigLabels, latest.hashrate());
        if (latest.power() != null) {
            sample(texts, Family.POWER_FAMILY, rigLabels, latest.power().watts());
        }
        sample(texts, Family.UP_FAMILY, rigLabels, up ? 1 : 0);
        stateSample(
                texts,
                Family.MINER_STATUS_FAMILY,
                rigLabels,
                latest.miner().status().wireName());
        timeSample(texts, Family.LAST_SEEN_FAMILY, rigLabels, rig.lastSeen().toEpochMilli());
        if (!latest.temperatures().isEmpty()) {
            double hottest = Double.NEGATIVE_INFINITY;
            List<Temperature> temperatures = latest.temperatures();
            for (int i = 0; i < temperatures.size(); i++) {
                hottest = Math.max(hottest, temperatures.get(i).celsius());
            }
            sample(texts, Family.TEMPERATURE_FAMILY, rigLabels, hottest);
        }
        if (!latest.fans().isEmpty()) {
            double slowest = Double.POSITIVE_INFINITY;
            List<Fan> fans = latest.fans();
            for (int i = 0; i < fans.size(); i++) {
                slowest = Math.min(slowest, fans.get(i).rpm());
            }
            sample(texts, Family.FAN_MIN_FAMILY, rigLabels, slowest);
        }
        RigCompliance known = compliance.find(rig.key()).orElse(null);
        String country = "";
        String subdivision = "";
        String claimedBy = "";
        if (known != null) {
            timeSample(
                    texts,
                    Family.STATE_SINCE_FAMILY,
                    rigLabels,
                    known.stateSince().toEpochMilli());
            Assessment a = known.assessment();
            stateSample(texts, Family.STATE_FAMILY, rigLabels, a.state().label());
            sample(texts, Family.TRUST_FAMILY, rigLabels, a.trust().level());
            if (a.lat() != null) {
                sample(texts, Family.LATITUDE_FAMILY, rigLabels, a.lat());
                sample(texts, Family.LONGITUDE_FAMILY, rigLabels, a.lon());
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
        texts[Family.INFO_FAMILY.ordinal()]
                .ascii(Family.INFO_FAMILY.seriesStart)
                .label("claimed_by", shared.escaped(claimedBy))
                .ascii(",")
                .label("country", shared.escaped(country))
                .ascii(",")
                .label("miner_type", shared.escaped(latest.miner().type()))
                .ascii(",")
                .label(
                        "model",
                        shared.escaped(
                                latest.miner().model() == null
                                        ? ""
                                        : latest.miner().model()))
                .ascii(",")
                .label("pool", shared.escaped(activePool(latest)))
                .ascii(",")
                .append(rigLabels)
                .ascii(",")
                .label("subdivision", shared.escaped(subdivision))
                .ascii("} 1.0")
                .newline();
    }

    private static String activePool(Telemetry telemetry) {
        List<Pool> pools = telemetry.pools();
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i).active()) {
                return pools.get(i).url();
            }
        }
        return "";
    }

    private static void sample(ExpositionText[] texts, Family family, ExpositionText rigLabels, double value) {
        series(texts, family, rigLabels).ascii("} ").value(value).newline();
    }

    /** A Unix time, in seconds with the milliseconds as decimals. */
    private static void timeSample(ExpositionText[] texts, Family family, ExpositionText rigLabels, long millis) {
        series(texts, family, rigLabels).ascii("} ").secondsFromMillis(millis).newline();
    }

    /** A series whose value is 1 and whose {@code state} label (after {@code site}) says the state. */
    private static void stateSample(ExpositionText[] texts, Family family, ExpositionText rigLabels, String state) {
        series(texts, family, rigLabels)
                .ascii(",")
                .label("state", state)
                .ascii("} 1.0")
                .newline();
    }

    /** The family's text with a new series begun: its name and the rig's labels, the brace left open. */
    private static ExpositionText series(ExpositionText[] texts, Family family, ExpositionText rigLabels) {
        return texts[family.ordinal()].ascii(family.seriesStart).append(rigLabels);
    }
}
