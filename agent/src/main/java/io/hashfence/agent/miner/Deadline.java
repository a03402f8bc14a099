package io.hashfence.agent.miner;

import java.time.Duration;

/** The time left for one poll of one miner, shared by its several requests. */
final class Deadline {
    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Milliseconds left, at least 1 (0 would mean "no timeout" to sockets). */
    int remainingMillis(MinerEndpoint endpoint) throws MinerException {
        long left = (endNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new MinerException(MinerException.Problem.UNREACHABLE, endpoint.address() + ": no answer in time");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
