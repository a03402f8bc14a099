package io.hashfence.collector.site;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed logins per source address. After {@link #FREE_FAILURES} failures in a row, a source is refused
 * without any credential check for a while that doubles with each further failure (1 s up to 60 s), so that
 * one client hammering wrong tokens is turned away at once and costs the others nothing. A good login, or a
 * minute without failures, clears the source.
 */
public final class SourceBackoff {
    static final int FREE_FAILURES = 10;
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofSeconds(60);
    /** Past this many tracked sources, those not currently refused are forgotten (bounds the memory). */
    static final int MAX_SOURCES = 100_000;

    private final LongSupplier nanoTime;
    private final Map<InetAddress, Failures> sources = new ConcurrentHashMap<>();

    private record Failures(int count, long lastNanos, long refusedUntilNanos) {}

    public SourceBackoff() {
        this(System::nanoTime);
    }

    SourceBackoff(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether CONNECTs from this source are refused now, unchecked. */
    public boolean refuses(InetAddress source) {
        Failures failures = source == null ? null : sources.get(source);
        return failures != null && nanoTime.getAsLong() - failures.refusedUntilNanos() < 0;
    }

    public void failed(InetAddress source) {
        if (source == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (sources.size() >= MAX_SOURCES) {
            sources.values().removeIf(failures -> now - failures.refusedUntilNanos() >= 0);
        }
        sources.compute(source, (address, before) -> {
            int count = before == null || now - before.lastNanos() > LONGEST.toNanos() ? 1 : before.count() + 1;
            long refusedUntil = count <= FREE_FAILURES ? now : now + refusal(count - FREE_FAILURES);
            return new Failures(count, now, refusedUntil);
        });
    }

    public void succeeded(InetAddress source) {
        if (source != null && !sources.isEmpty()) {
            sources.remove(source);
        }
    }

    private static long refusal(int beyondFree) {
        int doublings = Math.min(beyondFree - 1, 16);
        return Math.min(FIRST.toNanos() << doublings, LONGEST.toNanos());
    }
}
