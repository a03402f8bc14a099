package io.hashfence.agent.cli;

/** A wrong, missing or unknown flag or operand: exit code 2 with the message and a pointer to --help. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
