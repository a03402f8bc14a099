package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRecord;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardMembersTest {
    private static List<RigRecord> fleet(int sites, int rigsPerSite) {
        List<RigRecord> fleet = new ArrayList<>();
        for (int site = 0; site < sites; site++) {
            for (int rig = 0; rig < rigsPerSite; rig++) {
                RigKey key = new RigKey(SiteId.of("site-" + site), RigId.of("rig-" + rig));
                fleet.add(new RigRecord(key, null, Instant.EPOCH, Instant.EPOCH, Duration.ofSeconds(60), 1, true));
            }
        }
        return fleet;
    }

    @Test
    void eachShardHoldsTheRigsItsHashNamesInTheFleetsOrder() {
        List<RigRecord> fleet = fleet(7, 300);
        ShardMembers members = ShardMembers.of(fleet, 4);
        for (MetricsShard shard : MetricsShard.all(4)) {
            assertThat(members.rigsOf(shard))
                    .as(shard.path())
                    .containsExactlyElementsOf(fleet.stream()
                            .map(RigRecord::key)
                            .filter(shard::holds)
                            .toList());
        }
        assertThat(MetricsShard.all(4).stream()
                        .mapToInt(shard -> members.rigsOf(shard).size())
                        .sum())
                .isEqualTo(fleet.size());
    }

    @Test
    void theMembersHoldOnlyForTheSameShardCountAndFleetSize() {
        ShardMembers members = ShardMembers.of(fleet(2, 10), 4);
        assertThat(members.holdFor(4, 20)).isTrue();
        assertThat(members.holdFor(4, 21)).as("a rig arrived").isFalse();
        assertThat(members.holdFor(3, 20)).as("other shards asked").isFalse();
    }
}
