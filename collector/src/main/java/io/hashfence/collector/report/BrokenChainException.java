package io.hashfence.collector.report;

import java.io.IOException;

/** The event log failed verification, so no report may be built from it. */
public final class BrokenChainException extends IOException {
    public BrokenChainException(String message) {
        super(message);
    }
}
