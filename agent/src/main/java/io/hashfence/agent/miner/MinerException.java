package io.hashfence.agent.miner;

/** A miner could not be read: it did not answer, or its answer made no sense. */
public final class MinerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a poll failed. */
    public enum Problem {
        /** No connection, no answer in time. */
        UNREACHABLE,
        /** An answer that is not the API's format. */
        GARBLED
    }

    private final Problem problem;

    public MinerException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public MinerException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
