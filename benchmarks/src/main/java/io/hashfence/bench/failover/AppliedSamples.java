package io.hashfence.bench.failover;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.SequenceJournal;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the collectors applied, read after the run from the shared store's windows (table {@code rig_window},
 * one per rig for all collectors: a sample there counts once) and from each collector's sequence journal ({@code sequences.log}: every
 * (site, rig, seq) a collector accepted is written there before its PUBACK goes out, also by a collector that
 * was killed afterwards). A sample is applied by a collector when its journal holds it.
 */
final class AppliedSamples {
    private final List<SequenceWindows> collectors = new ArrayList<>();

    /** The shared store's windows (table rig_window), where collectors on a store keep them instead. */
    private final Map<String, StoredWindow> stored = new java.util.HashMap<>();

    private record StoredWindow(long highest, long[] bits) {
        boolean holds(long seq) {
            long age = highest - seq;
            if (age < 0 || age >= bits.length * 64L) {
                return false;
            }
            return (bits[(int) (age / 64)] & 1L << (age % 64)) != 0;
        }
    }

    /** Reads the journals of the stopped (or killed) collectors, and the shared store's windows. */
    static AppliedSamples read(List<Path> dataDirs, String storeUrl) throws IOException, java.sql.SQLException {
        AppliedSamples applied = new AppliedSamples();
        for (Path dataDir : dataDirs) {
            SequenceWindows windows = new SequenceWindows();
            SequenceJournal.open(dataDir, windows).close();
            applied.collectors.add(windows);
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(storeUrl);
                java.sql.ResultSet rows =
                        connection.createStatement().executeQuery("SELECT site, rig, highest, bits FROM rig_window")) {
            while (rows.next()) {
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(rows.getBytes(4));
                long[] bits = new long[bytes.remaining() / 8];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = bytes.getLong();
                }
                applied.stored.put(
                        rows.getString(1) + "/" + rows.getString(2), new StoredWindow(rows.getLong(3), bits));
            }
        }
        return applied;
    }

    /** On how many collectors the sample was applied. */
    int appliedOn(String site, FleetRig rig, long seq) {
        RigKey key = new RigKey(SiteId.of(site), RigId.of(rig.id()));
        StoredWindow shared = stored.get(site + "/" + rig.id());
        int count = shared != null && shared.holds(seq) ? 1 : 0;
        for (SequenceWindows windows : collectors) {
            // markNew answers false for a number the window already holds
            if (!windows.markNew(key, seq)) {
                count++;
            }
        }
        return count;
    }

    /** Counts, for the given published and acknowledged samples per site, what was lost and applied twice. */
    record Tally(long acknowledgedLost, long duplicatesApplied, long published, long acknowledged) {}

    Tally tally(Map<String, List<FleetRig>> rigsBySite, Map<String, SiteLink> links) {
        long lost = 0;
        long duplicates = 0;
        long published = 0;
        long acknowledged = 0;
        for (Map.Entry<String, SiteLink> entry : links.entrySet()) {
            String site = entry.getKey();
            SiteLink link = entry.getValue();
            Map<Integer, FleetRig> rigs = new java.util.HashMap<>();
            rigsBySite.get(site).forEach(rig -> rigs.put(rig.index(), rig));
            java.util.Set<Long> acked = link.acknowledged();
            for (long sample : link.published()) {
                published++;
                int on = appliedOn(site, rigs.get(SiteLink.rigOf(sample)), SiteLink.seqOf(sample));
                if (on > 1) {
                    duplicates += on - 1;
                }
                if (acked.contains(sample)) {
                    acknowledged++;
                    if (on == 0) {
                        lost++;
                    }
                }
            }
        }
        return new Tally(lost, duplicates, published, acknowledged);
    }
}
