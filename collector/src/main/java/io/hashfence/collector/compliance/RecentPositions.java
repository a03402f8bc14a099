package io.hashfence.collector.compliance;

import java.util.Arrays;

/**
 * The last few GPS positions of a rig, bit for bit, to spot a synthetic source that cycles through a few
 * exact values: a real receiver's noise almost never repeats a coordinate pair exactly. Immutable.
 */
final class RecentPositions {
    static final RecentPositions NONE = new RecentPositions(new long[0]);

    private final long[] positions;

    private RecentPositions(long[] positions) {
        this.positions = positions;
    }

    /** The positions {@link #key} gave, oldest first, as a stored history keeps them. */
    static RecentPositions of(long[] keys) {
        return keys.length == 0 ? NONE : new RecentPositions(keys.clone());
    }

    /** These positions and {@code fix}, keeping the newest {@code capacity}. */
    RecentPositions with(Fix fix, int capacity) {
        long key = Double.doubleToRawLongBits(fix.lat()) * 31 + Double.doubleToRawLongBits(fix.lon());
        int kept = Math.min(positions.length, capacity - 1);
        long[] next = Arrays.copyOfRange(positions, positions.length - kept, positions.length + 1);
        next[kept] = key;
        return new RecentPositions(next);
    }

    /** The {@code i}th position, oldest first, as one number: both coordinates' bits, combined. */
    long key(int i) {
        return positions[i];
    }

    int size() {
        return positions.length;
    }

    /** How many different positions there are among these. */
    int distinct() {
        int distinct = 0;
        for (int i = 0; i < positions.length; i++) {
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) {
                seen = positions[j] == positions[i];
            }
            distinct += seen ? 0 : 1;
        }
        return distinct;
    }
}
