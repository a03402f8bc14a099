package io.hashfence.collector.fleet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Which (site, rig, sequence) have arrived, one window per rig: the duplicate check. Rigs stay here
 * from the journal's replay on, also those that have not reported since the collector started.
 */
public final class SequenceWindows {
    private final Map<RigKey, SeenSequences> rigs = new ConcurrentHashMap<>();

    /** Marks the sequence number seen; answers false if it had been seen already. */
    public boolean markNew(RigKey rig, long seq) {
        SeenSequences seen = rigs.get(rig);
        if (seen == null) {
            seen = rigs.computeIfAbsent(rig, key -> new SeenSequences());
        }
        return seen.markNew(seq);
    }

    /** Adds a window read back from a journal or the shared store to what is known of the rig. */
    public void markAll(RigKey rig, SequenceWindow window) {
        rigs.computeIfAbsent(rig, key -> new SeenSequences()).markAll(window);
    }

    /** The rig's window as it is now, or null for a rig never seen. */
    public SequenceWindow window(RigKey rig) {
        SeenSequences seen = rigs.get(rig);
        return seen == null ? null : seen.save();
    }

    /** Each rig's window as it is at the moment it is visited. */
    void forEach(BiConsumer<RigKey, SequenceWindow> action) {
        rigs.forEach((rig, seen) -> action.accept(rig, seen.save()));
    }

    int size() {
        return rigs.size();
    }
}
