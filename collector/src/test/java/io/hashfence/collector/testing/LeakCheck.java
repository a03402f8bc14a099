package io.hashfence.collector.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (JUnit extension auto-detection): after a class's tests, collects
 * garbage, makes Netty's leak detector look, and fails if it reported any ByteBuf released too late or never.
 */
public final class LeakCheck implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        List<String> leaks = collectLeakReports();
        if (!leaks.isEmpty()) {
            fail("Netty reported " + leaks.size() + " leaked buffer(s) by the end of " + context.getDisplayName()
                    + ":\n" + String.join("\n\n", leaks));
        }
    }

    /** Leaks are reported only when a tracked buffer is allocated after the leaked one was collected. */
    static List<String> collectLeakReports() throws InterruptedException {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            fail("tests must run with -Dio.netty.leakDetection.level=PARANOID, not " + ResourceLeakDetector.getLevel());
        }
        for (int round = 0; round < 3; round++) {
            System.gc();
            // No state to wait for: a moment for the reference handler to queue what the GC collected.
            Thread.sleep(50);
            ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(1);
            pooled.release();
            ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(1);
            unpooled.release();
        }
        return LeakRecorder.drain();
    }
}
