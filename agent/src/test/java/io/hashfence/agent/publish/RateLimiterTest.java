package io.hashfence.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void allowsABurstOfOneSecondThenTheRate() {
        AtomicLong nanos = new AtomicLong();
        RateLimiter rate = new RateLimiter(100, nanos::get);

        assertThat(rate.acquireUpTo(64)).isEqualTo(64);
        assertThat(rate.acquireUpTo(64)).isEqualTo(36);
        assertThat(rate.acquireUpTo(64)).isZero();
        assertThat(rate.nanosUntilNextPermit()).isEqualTo(10_000_000);

        nanos.addAndGet(250_000_000);
        assertThat(rate.acquireUpTo(64)).isEqualTo(25);

        nanos.addAndGet(60_000_000_000L);
        assertThat(rate.acquireUpTo(1_000))
                .as("idle time does not bank more than a second")
                .isEqualTo(100);
    }
}
