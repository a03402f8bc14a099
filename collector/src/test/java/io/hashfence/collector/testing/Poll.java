package io.hashfence.collector.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition that becomes true asynchronously; fails with a description if it does not. */
public final class Poll {
    private Poll() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(25);
        }
        if (!condition.call()) {
            throw new AssertionError("timed out after " + timeout + " waiting until " + what);
        }
    }
}
