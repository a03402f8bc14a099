package io.hashfence.bench.ingest;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What the load generator's connections did: messages sent and acknowledged, PUBACK latency, losses. */
final class LoadStats {
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder connectionsLost = new LongAdder();
    private final Recorder latency = new Recorder(3);

    void sent(int count) {
        sent.add(count);
    }

    void acknowledged(long nanos, int reasonCode) {
        acknowledged.increment();
        if (reasonCode >= 0x80) {
            refused.increment();
        }
        latency.recordValue(Math.max(1, nanos / 1000));
    }

    void connectionLost() {
        connectionsLost.increment();
    }

    long sent() {
        return sent.sum();
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    long refused() {
        return refused.sum();
    }

    long connectionsLost() {
        return connectionsLost.sum();
    }

    /** PUBACK latency in microseconds since the last call. */
    Histogram latencySinceLastCall() {
        return latency.getIntervalHistogram();
    }
}
