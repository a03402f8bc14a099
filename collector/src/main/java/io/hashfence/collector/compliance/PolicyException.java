package io.hashfence.collector.compliance;

/** A policy file that cannot be used; the message names the file and the line. */
public final class PolicyException extends Exception {
    public PolicyException(String message) {
        super(message);
    }
}
