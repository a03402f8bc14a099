package io.hashfence.collector.ingest;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The largest value recorded in the last two minutes, as Micrometer's timers report their {@code _max}: three
 * slots of 40 s each; a value counts in its slot until the slot is reused, so it is reported for 80 to 120 s.
 * Lock-free on the recording side (it is called for every PUBLISH); a slot is reset under a lock, once per 40 s.
 */
final class RecentMax {
    private static final int SLOTS = 3;
    private static final long SLOT_NANOS = TimeUnit.SECONDS.toNanos(40);

    private final LongSupplier nanoTime;
    private final AtomicLongArray values = new AtomicLongArray(SLOTS);
    private final AtomicLongArray periods = new AtomicLongArray(SLOTS);

    RecentMax() {
        this(System::nanoTime);
    }

    RecentMax(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        long period = period();
        for (int i = 0; i < SLOTS; i++) {
            periods.set(i, period);
        }
    }

    void record(long value) {
        long period = period();
        int slot = (int) Math.floorMod(period, SLOTS);
        if (periods.get(slot) != period) {
            synchronized (this) {
                if (periods.get(slot) != period) {
                    values.set(slot, 0);
                    periods.set(slot, period);
                }
            }
        }
        values.accumulateAndGet(slot, value, Math::max);
    }

    /** The largest value recorded in this slot's period and the two before it; 0 when there was none. */
    long get() {
        long period = period();
        long max = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (period - periods.get(i) < SLOTS) {
                max = Math.max(max, values.get(i));
            }
        }
        return max;
    }

    private long period() {
        return Math.floorDiv(nanoTime.getAsLong(), SLOT_NANOS);
    }
}
