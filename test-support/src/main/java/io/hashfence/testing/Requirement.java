package io.hashfence.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Something a test needs from the machine (a program, a native transport). Outside CI a missing one skips
 * the test with a message saying how to get it; with {@code CI=true} it fails the test, because CI must
 * provide everything the tests use.
 */
public final class Requirement {
    private Requirement() {}

    public static void require(boolean met, String whatIsMissing) {
        if (met) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(whatIsMissing);
        }
        Assumptions.abort(whatIsMissing);
    }
}
