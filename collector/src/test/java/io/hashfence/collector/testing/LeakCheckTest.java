package io.hashfence.collector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class LeakCheckTest {

    @Test
    void reportsABufferThatWasNeverReleased() throws InterruptedException {
        leakOneBuffer();
        assertThat(LeakCheck.collectLeakReports()).isNotEmpty().allMatch(report -> report.contains("LEAK:"));
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(16);
        leaked.writeInt(42);
    }
}
