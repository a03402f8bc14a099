package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentMaxTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final RecentMax max = new RecentMax(now::get);

    @Test
    void isZeroBeforeAnythingIsRecorded() {
        assertThat(max.get()).isZero();
    }

    @Test
    void reportsTheLargestValueOfTheLastTwoMinutes() {
        max.record(300);
        max.record(700);
        max.record(500);
        assertThat(max.get()).isEqualTo(700);
        advance(60);
        max.record(400);
        assertThat(max.get()).as("a minute later the larger value still counts").isEqualTo(700);
    }

    @Test
    void forgetsAValueOnceItsSlotHasAgedOut() {
        max.record(700);
        advance(80);
        max.record(200);
        assertThat(max.get())
                .as("80 s on, the first slot is still one of the last three")
                .isEqualTo(700);
        advance(40);
        assertThat(max.get()).as("120 s on, only the later value is recent").isEqualTo(200);
        advance(120);
        assertThat(max.get()).as("nothing recorded for two minutes").isZero();
    }

    @Test
    void aReusedSlotStartsAfresh() {
        max.record(900);
        advance(120);
        max.record(100);
        assertThat(max.get()).isEqualTo(100);
    }

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
