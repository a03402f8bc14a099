package io.hashfence.collector.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-source back-off on a hand-moved clock: free failures, doubling refusals, and what clears them. */
class SourceBackoffTest {
    private long now = 1_000_000_000L;
    private final SourceBackoff backoff = new SourceBackoff(() -> now);
    private final InetAddress flooder = address("192.0.2.1");
    private final InetAddress bystander = address("192.0.2.2");

    @Test
    void theFirstFailuresAreFreeThenRefusalsDoubleUpToAMinute() {
        fail(SourceBackoff.FREE_FAILURES);
        assertThat(backoff.refuses(flooder)).isFalse();

        fail(1);
        assertThat(backoff.refuses(flooder)).isTrue();
        assertThat(backoff.refuses(bystander)).isFalse();
        advance(Duration.ofMillis(999));
        assertThat(backoff.refuses(flooder)).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(backoff.refuses(flooder)).as("1 s after the 11th failure").isFalse();

        fail(1);
        advance(Duration.ofMillis(1_999));
        assertThat(backoff.refuses(flooder)).as("the 12th failure: 2 s").isTrue();
        advance(Duration.ofMillis(1));
        assertThat(backoff.refuses(flooder)).isFalse();

        for (int i = 0; i < 20; i++) {
            fail(1);
            advance(Duration.ofSeconds(59));
        }
        assertThat(backoff.refuses(flooder)).isTrue();
        advance(Duration.ofSeconds(1));
        assertThat(backoff.refuses(flooder)).as("never longer than a minute").isFalse();
    }

    @Test
    void aGoodLoginClearsTheSource() {
        fail(SourceBackoff.FREE_FAILURES + 1);
        assertThat(backoff.refuses(flooder)).isTrue();
        backoff.succeeded(flooder);
        assertThat(backoff.refuses(flooder)).isFalse();
        fail(SourceBackoff.FREE_FAILURES);
        assertThat(backoff.refuses(flooder)).as("counting starts again").isFalse();
    }

    @Test
    void aMinuteWithoutFailuresStartsTheCountAgain() {
        fail(SourceBackoff.FREE_FAILURES);
        advance(SourceBackoff.LONGEST.plusMillis(1));
        fail(1);
        assertThat(backoff.refuses(flooder)).isFalse();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            backoff.failed(flooder);
        }
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
