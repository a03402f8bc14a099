package io.hashfence.collector.http;

import io.hashfence.collector.fleet.RigKey;
import java.util.ArrayList;
import java.util.List;

/**
 * One of {@code of} slices of the per-rig series, served at {@code /metrics/rigs?shard=INDEX&of=OF}. A rig belongs
 * to the shard its stable hash names: FNV-1a (32 bits) over the characters of its site, a {@code /} and its rig id
 * (ids are ASCII, so these are their bytes), modulo {@code of}. The hash depends on nothing but the two ids, so a
 * rig stays in its shard across scrapes and restarts while {@code of} stays the same.
 */
public record MetricsShard(int index, int of) {
    /** The most shards the collector serves: more would only multiply the scrapes' fixed costs. */
    public static final int MAX_SHARDS = 256;

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    public MetricsShard {
        if (of < 1 || of > MAX_SHARDS) {
            throw new IllegalArgumentException("of must be between 1 and " + MAX_SHARDS + ", got " + of);
        }
        if (index < 0 || index >= of) {
            throw new IllegalArgumentException("shard must be between 0 and " + (of - 1) + ", got " + index);
        }
    }

    /** Every rig in one shard. */
    public static MetricsShard whole() {
        return new MetricsShard(0, 1);
    }

    /** The shards 0 to {@code of - 1}, which together hold every rig once. */
    public static List<MetricsShard> all(int of) {
        List<MetricsShard> shards = new ArrayList<>(of);
        for (int index = 0; index < of; index++) {
            shards.add(new MetricsShard(index, of));
        }
        return shards;
    }

    public boolean holds(RigKey key) {
        return of == 1 || indexOf(sitePart(key.site().value()), key.rig().value(), of) == index;
    }

    /**
     * The index of the shard of {@code of} that holds the rig, given {@link #sitePart} of its site: a walk of the
     * fleet goes site by site, so it hashes each site's id once, not once per rig.
     */
    static int indexOf(int sitePart, String rig, int of) {
        return Integer.remainderUnsigned(mix(sitePart, rig), of);
    }

    /** The path Prometheus scrapes for this shard. */
    public String path() {
        return RigMetricsEndpoint.PATH + "?shard=" + index + "&of=" + of;
    }

    static int hash(String site, String rig) {
        return mix(sitePart(site), rig);
    }

    /** The hash of a site's id and the {@code /} after it, which every rig of the site shares. */
    static int sitePart(String site) {
        return (mix(FNV_OFFSET, site) ^ '/') * FNV_PRIME;
    }

    private static int mix(int hash, String text) {
        int h = hash;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * FNV_PRIME;
        }
        return h;
    }
}
