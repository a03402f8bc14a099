package io.hashfence.testing;

import java.time.Duration;
import java.util.Optional;

/**
 * Waits for the state a test asserts, never for a fixed time. The tests run on a loaded 2-core CI machine,
 * so every wait has the same generous ceiling, {@link #PATIENCE}: a passing test returns as soon as the
 * state holds and never comes near it; only a test that is failing anyway waits that long. Waits on what
 * takes minutes by nature (a container stack starting) name their own, longer ceiling.
 */
public final class Await {
    /** How long any wait lasts before the test fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final long MIN_PAUSE_MILLIS = 25;
    private static final long MAX_PAUSE_MILLIS = 500;

    private Await() {}

    /**
     * A look at the state under test. While the state is not there yet it may throw, an exception (a refused
     * connection) or a failed assertion: the wait goes on, and a timeout names the last one as its cause.
     */
    @FunctionalInterface
    public interface Probe<T> {
        T look() throws Exception;
    }

    /** Waits until the condition holds; fails naming {@code what} when it never does. */
    public static void until(String what, Probe<Boolean> condition) throws InterruptedException {
        until(what, PATIENCE, condition);
    }

    /** Waits until the condition holds, at most {@code patience}; fails naming {@code what} when it never does. */
    public static void until(String what, Duration patience, Probe<Boolean> condition) throws InterruptedException {
        value(
                what,
                patience,
                () -> Boolean.TRUE.equals(condition.look()) ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until the probe finds a value, and returns it. */
    public static <T> T value(String what, Probe<Optional<T>> probe) throws InterruptedException {
        return value(what, PATIENCE, probe);
    }

    /** Waits until the probe finds a value, at most {@code patience}, and returns it. */
    public static <T> T value(String what, Duration patience, Probe<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Throwable lastFailure = null;
        while (true) {
            long lookStarted = System.nanoTime();
            try {
                Optional<T> found = probe.look();
                if (found.isPresent()) {
                    return found.get();
                }
                lastFailure = null;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | AssertionError notYet) {
                lastFailure = notYet;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError timedOut =
                        new AssertionError("waited " + patience.toSeconds() + " s in vain until " + what);
                if (lastFailure != null) {
                    timedOut.initCause(lastFailure);
                }
                throw timedOut;
            }
            // A costly look (a dozen Prometheus queries) is not repeated back to back on a busy machine.
            long lookMillis = (System.nanoTime() - lookStarted) / 1_000_000;
            Thread.sleep(Math.max(MIN_PAUSE_MILLIS, Math.min(MAX_PAUSE_MILLIS, lookMillis)));
        }
    }
}
