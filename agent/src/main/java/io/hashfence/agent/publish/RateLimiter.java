package io.hashfence.agent.publish;

import java.util.function.LongSupplier;

/** A token bucket: up to {@code perSecond} permits a second, with bursts of at most one second's worth. */
final class RateLimiter {
    private final int perSecond;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    RateLimiter(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 per second, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.tokens = perSecond;
        this.lastRefill = nanoClock.getAsLong();
    }

    int perSecond() {
        return perSecond;
    }

    /** Takes as many permits as are available, up to {@code wanted}, and answers how many. */
    synchronized int acquireUpTo(int wanted) {
        refill();
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }

    synchronized long nanosUntilNextPermit() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * 1e9 / perSecond);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(perSecond, tokens + (now - lastRefill) * perSecond / 1e9);
        lastRefill = now;
    }
}
