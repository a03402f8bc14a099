package io.hashfence.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.config.ReconnectBackoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectDelaysTest {
    private static final ReconnectBackoff BACKOFF = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void doublesUpToTheMaximumWithoutJitterAtItsTop() {
        ReconnectDelays delays = new ReconnectDelays(BACKOFF, () -> 1.0);

        assertThat(delays.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(delays.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(delays.next()).isEqualTo(Duration.ofSeconds(4));
        assertThat(delays.next()).isEqualTo(Duration.ofSeconds(8));
        assertThat(delays.next()).isEqualTo(Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            assertThat(delays.next()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void jitterTakesOffUpToHalfAndResetStartsOver() {
        ReconnectDelays delays = new ReconnectDelays(BACKOFF, () -> 0.0);

        assertThat(delays.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(delays.next()).isEqualTo(Duration.ofSeconds(1));
        delays.reset();
        assertThat(delays.next()).isEqualTo(Duration.ofMillis(500));
    }
}
