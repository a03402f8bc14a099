package io.hashfence.collector.http;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRecord;
import io.hashfence.protocol.SiteId;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rigs each of {@code of} shards holds ({@link MetricsShard}), worked out in one walk of the fleet: a scrape
 * of one shard then visits its own rigs instead of walking the whole fleet to hash every rig's ids, as each of the
 * four default shards otherwise would (four walks of 100,000 rigs, scattered in memory, per full scrape). The
 * registry only ever adds rigs, so a fleet of the same size holds the same rigs and the members stay true.
 *
 * @param fleetSize how many rigs the fleet held when its members were worked out
 * @param shards each shard's rigs, by shard index, site by site
 */
record ShardMembers(int of, int fleetSize, List<List<RigKey>> shards) {

    static ShardMembers of(List<RigRecord> fleet, int of) {
        List<List<RigKey>> shards = new ArrayList<>(of);
        for (int index = 0; index < of; index++) {
            shards.add(new ArrayList<>(fleet.size() / of + 16));
        }
        SiteId site = null;
        int sitePart = 0;
        for (RigRecord rig : fleet) {
            RigKey key = rig.key();
            if (!key.site().equals(site)) {
                site = key.site();
                sitePart = MetricsShard.sitePart(site.value());
            }
            shards.get(MetricsShard.indexOf(sitePart, key.rig().value(), of)).add(key);
        }
        return new ShardMembers(of, fleet.size(), shards);
    }

    /** Whether these are the members of {@code of} shards of a fleet of {@code fleetSize} rigs. */
    boolean holdFor(int otherOf, int otherFleetSize) {
        return of == otherOf && fleetSize == otherFleetSize;
    }

    List<RigKey> rigsOf(MetricsShard shard) {
        return shards.get(shard.index());
    }
}
