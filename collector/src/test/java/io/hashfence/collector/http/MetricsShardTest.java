package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsShardTest {
    private static RigKey rig(String site, String rig) {
        return new RigKey(SiteId.of(site), RigId.of(rig));
    }

    @Test
    void everyRigIsInExactlyOneShardAndTheShardsAreAboutEven() {
        List<MetricsShard> shards = MetricsShard.all(4);
        int[] counts = new int[4];
        for (int site = 0; site < 20; site++) {
            for (int r = 0; r < 500; r++) {
                RigKey key = rig("site-" + site, "rig-" + r);
                List<MetricsShard> holding =
                        shards.stream().filter(s -> s.holds(key)).toList();
                assertThat(holding).as(key.toString()).hasSize(1);
                counts[holding.get(0).index()]++;
            }
        }
        assertThat(java.util.Arrays.stream(counts).boxed().toList())
                .allSatisfy(count -> assertThat(count).isBetween(2_250, 2_750));
    }

    @Test
    void theHashIsFnv1aOfSiteSlashRigSoItStaysTheSameAcrossRuns() {
        // FNV-1a 32 of "a/b", as any FNV-1a implementation computes it.
        assertThat(MetricsShard.hash("a", "b")).isEqualTo(0x3a8e75c1);
        assertThat(new MetricsShard(0, 1).holds(rig("x", "y"))).isTrue();
    }

    @Test
    void shardAndOfAreChecked() {
        assertThatThrownBy(() -> new MetricsShard(2, 2)).hasMessage("shard must be between 0 and 1, got 2");
        assertThatThrownBy(() -> new MetricsShard(0, 257)).hasMessage("of must be between 1 and 256, got 257");
        assertThat(new MetricsShard(1, 4).path()).isEqualTo("/metrics/rigs?shard=1&of=4");
    }
}
