package io.hashfence.collector.ingest;

/** A token bucket per connection: {@code perSecond} PUBLISHes sustained, {@code burst} at once. */
final class PublishRate {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    PublishRate(int perSecond, int burst, long now) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    boolean tryAcquire(long now) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
