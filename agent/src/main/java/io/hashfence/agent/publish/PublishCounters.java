package io.hashfence.agent.publish;

import java.util.concurrent.atomic.LongAdder;

/** Telemetry outcomes across all of an agent's site connections. */
public final class PublishCounters {
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /**
     * @param sent handed to the MQTT client
     * @param acknowledged confirmed by the collector (PUBACK)
     * @param skipped not sent because the site was disconnected
     * @param dropped discarded unsent because newer readings overtook them or the connection was lost
     * @param failed refused by the MQTT client or the collector
     */
    public record Snapshot(long sent, long acknowledged, long skipped, long dropped, long failed) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(
                    sent - earlier.sent,
                    acknowledged - earlier.acknowledged,
                    skipped - earlier.skipped,
                    dropped - earlier.dropped,
                    failed - earlier.failed);
        }

        public boolean isEmpty() {
            return sent == 0 && acknowledged == 0 && skipped == 0 && dropped == 0 && failed == 0;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(sent.sum(), acknowledged.sum(), skipped.sum(), dropped.sum(), failed.sum());
    }

    void sent() {
        sent.increment();
    }

    void acknowledged() {
        acknowledged.increment();
    }

    void skipped(int count) {
        skipped.add(count);
    }

    void dropped(int count) {
        dropped.add(count);
    }

    void failed() {
        failed.increment();
    }
}
